// Preloaded (`node --import`) into a server process by test/cli/startup.test.ts: records
// every module the process loads and hands the list over IPC when asked ('loaded-modules').
// Plain JavaScript, so the traced process runs from dist/ with no TypeScript loader.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const loaded = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => loaded.add(url.startsWith('file:') ? fileURLToPath(url) : url));
port1.unref();
// ES modules (and CommonJS ones imported from ES modules) pass the loader hooks.
register('./load-trace-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });

process.on('message', (message) => {
  if (message !== 'loaded-modules') return;
  // CommonJS required from CommonJS does not pass the hooks; the require cache has it.
  const all = new Set([...loaded, ...Object.keys(Module._cache)]);
  process.send?.({ modules: [...all].sort() });
});
// The IPC channel must not keep the process alive after the server stops.
process.channel?.unref();
