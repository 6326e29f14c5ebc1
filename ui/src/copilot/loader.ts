/**
 * /copilot/index.js: the script host pages load. It defines the window functions of
 * Chainlit's copilot at once and loads the widget module (app.js, beside this file) on the
 * first mount. Calls are queued in order until the module is there.
 */
import { storedThreadId, type CopilotModule, type WidgetConfig } from './config.js';

declare global {
  interface Window {
    mountChainlitWidget: (config: WidgetConfig) => void;
    unmountChainlitWidget: () => void;
    toggleChainlitCopilot: () => void;
    sendChainlitMessage: (message: Record<string, unknown>) => void;
    getChainlitCopilotThreadId: () => string | null;
    clearChainlitCopilotThreadId: (newThreadId?: string) => void;
  }
}

const HOST_ID = 'chainlit-copilot';
// This script's own URL: the widget module sits beside it. (currentScript is null when a
// bundler or a module re-runs this file; then the page's copilot script tag says.)
const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="/copilot/index.js"]');
const base = new URL('.', script?.src || window.location.href).href;
let loading: Promise<CopilotModule> | null = null;
let queue: Promise<unknown> = Promise.resolve();

function withModule(task: (m: CopilotModule) => void): void {
  loading ??= import(/* @vite-ignore */ `${base}app.js`) as Promise<CopilotModule>;
  const modulePromise = loading;
  queue = queue
    .then(() => modulePromise)
    .then(task)
    .catch((err: unknown) => console.error('chainlit copilot:', err));
}

window.mountChainlitWidget = (config) => {
  if (document.getElementById(HOST_ID)) {
    console.warn('chainlit copilot: already mounted; call unmountChainlitWidget() first.');
    return;
  }
  if (!config || typeof config.chainlitServer !== 'string' || !config.chainlitServer) {
    console.error('chainlit copilot: mountChainlitWidget needs { chainlitServer }.');
    return;
  }
  // The host element exists as soon as this returns; the widget renders into it once loaded.
  const host = document.createElement('div');
  host.id = HOST_ID;
  const root = document.createElement('div');
  root.id = 'cl-shadow-root';
  host.attachShadow({ mode: 'open' }).appendChild(root);
  document.body.appendChild(host);
  withModule((m) => m.mount(host, root, config));
};

window.unmountChainlitWidget = () => {
  document.getElementById(HOST_ID)?.remove();
  if (loading) withModule((m) => m.unmount());
};

window.toggleChainlitCopilot = () => withModule((m) => m.toggle());
window.sendChainlitMessage = (message) => withModule((m) => m.send(message));
window.getChainlitCopilotThreadId = () => storedThreadId();
window.clearChainlitCopilotThreadId = (newThreadId) => withModule((m) => m.newThread(newThreadId));
