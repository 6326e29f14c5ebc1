import { connectClient, type TestClient } from './client.js';
import { startOpenAiServer, type OpenAiServer } from './openai-server.js';
import { startServer, writeApp, type TestServer } from './server.js';

export interface InstrumentedApp {
  ai: OpenAiServer;
  server: TestServer;
  client: TestClient;
}

/**
 * Mocha hooks of the instrumentation tests: a local OpenAI-compatible server, an app whose
 * one plugin is `plugin(baseUrl)`, and a connected client; all stopped after the suite.
 */
export function useInstrumentedApp(name: string, plugin: (baseUrl: string) => string): InstrumentedApp {
  const fx = {} as InstrumentedApp;
  before(async () => {
    fx.ai = await startOpenAiServer();
    fx.server = await startServer(writeApp({ 'chainlit.yaml': `name: ${name}\nplugins: [plugin.ts]\n`, 'plugin.ts': plugin(fx.ai.baseUrl) }));
    fx.client = await connectClient(fx.server.url);
  });
  after(async () => {
    fx.client?.close();
    await fx.server?.stop();
    await fx.ai?.close();
  });
  return fx;
}
