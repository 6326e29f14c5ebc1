/**
 * A minimal chat page written only against the published @chainlit/react-client hooks, the
 * way a third party would embed a Chainlit backend. Bundled by ./build.ts and driven in
 * Chromium by ../react-client.test.ts; it exposes what it observed on `window.__compat`.
 *
 * Written with createElement rather than JSX so the repository's tsconfig (no `jsx`
 * option) type-checks it as it stands.
 */
import { createElement as h, useEffect, useRef, useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { RecoilRoot } from 'recoil';
import {
  ChainlitAPI,
  ChainlitContext,
  useChatData,
  useChatInteract,
  useChatMessages,
  useChatSession,
  useConfig,
  type IStep,
} from '@chainlit/react-client';
import type { CompatProbe, StepSnapshot } from './probe.js';

declare global {
  interface Window {
    __compat: CompatProbe;
  }
}

window.__compat = { snapshots: [], loading: [], errors: [] };

interface FlatStep {
  step: IStep;
  depth: number;
}

function flatten(steps: IStep[], depth = 0, out: FlatStep[] = []): FlatStep[] {
  for (const step of steps) {
    out.push({ step, depth });
    if (step.steps) flatten(step.steps, depth + 1, out);
  }
  return out;
}

function snapshot(flat: FlatStep[]): StepSnapshot[] {
  return flat.map(({ step, depth }) => ({
    id: step.id,
    parentId: step.parentId ?? null,
    type: step.type,
    name: step.name,
    output: step.output,
    streaming: step.streaming === true,
    depth,
  }));
}

function Status(): ReactElement {
  const { connected, error, loading } = useChatData();
  const state = error ? 'error' : connected ? 'connected' : 'connecting';
  const seen = useRef<boolean | null>(null);
  // Every change of `loading` is kept, so the test can see task_start/task_end land.
  useEffect(() => {
    if (seen.current === loading) return;
    seen.current = loading;
    window.__compat.loading.push(loading);
  }, [loading]);
  return h('div', { id: 'status', 'data-loading': String(loading) }, state);
}

function Config(): ReactElement {
  const { config, error, isLoading } = useConfig();
  const state = error ? 'error' : config ? 'loaded' : isLoading ? 'loading' : 'idle';
  return h(
    'div',
    { id: 'config', 'data-state': state, 'data-name': config?.ui.name ?? '', 'data-cot': config?.ui.cot ?? '' },
    error ? String(error) : '',
  );
}

function Messages(): ReactElement {
  const { messages, firstInteraction, threadId } = useChatMessages();
  const flat = flatten(messages);
  useEffect(() => {
    window.__compat.snapshots.push(snapshot(flat));
  }, [messages]);
  return h(
    'div',
    { id: 'messages', 'data-first-interaction': firstInteraction ?? '', 'data-thread-id': threadId ?? '' },
    ...flat.map(({ step, depth }) =>
      h(
        'div',
        {
          key: step.id,
          className: 'msg',
          id: `msg-${step.id}`,
          'data-type': step.type,
          'data-author': step.name,
          'data-parent': step.parentId ?? '',
          'data-depth': String(depth),
          'data-streaming': String(step.streaming === true),
        },
        step.output,
      ),
    ),
  );
}

function Composer(): ReactElement {
  const { sendMessage } = useChatInteract();
  const { disabled } = useChatData();
  const [text, setText] = useState('');
  const submit = (): void => {
    if (text === '') return;
    sendMessage({ name: 'User', type: 'user_message', output: text }, []);
    setText('');
  };
  return h(
    'div',
    null,
    h('input', { id: 'input', value: text, onChange: (e: { target: HTMLInputElement }) => setText(e.target.value) }),
    h('button', { id: 'send', disabled, onClick: submit }, 'Send'),
  );
}

function App(): ReactElement {
  const { connect, disconnect } = useChatSession();
  useEffect(() => {
    void connect({ userEnv: {} });
    return () => disconnect();
    // Connect once per page, as Chainlit's own UI does, not on every new hook identity.
  }, []);
  return h('main', null, h(Status), h(Config), h(Messages), h(Composer));
}

window.addEventListener('error', (event) => window.__compat.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.__compat.errors.push(String(event.reason)));

const api = new ChainlitAPI(window.location.origin, 'webapp', undefined, undefined, (err) => {
  window.__compat.errors.push(`HTTP ${err.status}: ${err.toString()}`);
});
const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(h(RecoilRoot, null, h(ChainlitContext.Provider, { value: api }, h(App))));
