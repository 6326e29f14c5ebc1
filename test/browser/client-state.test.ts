/**
 * The UI's framework-free client logic (ui/src/client): message-tree rules of PROTOCOL.md
 * §2.2, event reactions, file acceptance, markdown block splitting. No browser needed.
 */
import { expect } from 'chai';
import { checkFiles, fileAccepted, acceptAttribute } from '../../ui/src/client/accept.js';
import { fixElementUrl, initialChatState, on, widgetDefaults, type ChatState } from '../../ui/src/client/chat-state.js';
import { addStep, appendToken, buildTree, dropAfter, findStep, removeStep, updateStep } from '../../ui/src/client/tree.js';
import type { IElement, IStep } from '../../ui/src/client/types.js';
import { splitBlocks } from '../../ui/src/components/markdown/blocks.js';

const step = (id: string, parentId: string | null = null, extra: Partial<IStep> = {}): IStep => ({
  id,
  parentId,
  name: id,
  type: 'assistant_message',
  output: '',
  ...extra,
});

describe('ui client: message tree', () => {
  it('appends top-level steps and nests children under their parent', () => {
    let t = addStep([], step('a'));
    t = addStep(t, step('b', 'a'));
    t = addStep(t, step('c', 'b'));
    expect(t.map((s) => s.id)).to.deep.equal(['a']);
    expect(findStep(t, 'c')?.parentId).to.equal('b');
    expect(t[0]!.steps![0]!.steps![0]!.id).to.equal('c');
  });

  it('drops a child whose parent is unknown, as Chainlit clients do', () => {
    const t = addStep([step('a')], step('x', 'missing'));
    expect(t).to.have.length(1);
    expect(findStep(t, 'x')).to.equal(undefined);
  });

  it('merges a known id instead of adding it twice, keeping its children', () => {
    let t = addStep([], step('a', null, { output: 'one' }));
    t = addStep(t, step('b', 'a'));
    t = addStep(t, step('a', null, { output: 'two' }));
    expect(t).to.have.length(1);
    expect(t[0]!.output).to.equal('two');
    expect(t[0]!.steps!.map((s) => s.id)).to.deep.equal(['b']);
  });

  it('update replaces fields of a nested node and leaves untouched siblings by reference', () => {
    const t = buildTree([step('a'), step('b', 'a'), step('c')]);
    const next = updateStep(t, step('b', 'a', { output: 'done' }));
    expect(findStep(next, 'b')?.output).to.equal('done');
    expect(next[1]).to.equal(t[1]);
    expect(updateStep(t, step('zzz'))).to.equal(t);
  });

  it('appends tokens, replaces them for isSequence, and streams into input', () => {
    let t = buildTree([step('a', null, { output: 'He' })]);
    t = appendToken(t, 'a', 'llo', false, false);
    expect(t[0]!.output).to.equal('Hello');
    t = appendToken(t, 'a', 'Bye', true, false);
    expect(t[0]!.output).to.equal('Bye');
    t = appendToken(t, 'a', '{"q"', false, true);
    t = appendToken(t, 'a', ':1}', false, true);
    expect(t[0]!.input).to.equal('{"q":1}');
  });

  it('removes a node with its children, and drops what follows an edited message', () => {
    const t = buildTree([step('a'), step('b', 'a'), step('c'), step('d')]);
    expect(findStep(removeStep(t, 'a'), 'b')).to.equal(undefined);
    expect(removeStep(t, 'nope')).to.equal(t);
    expect(dropAfter(t, 'c').map((s) => s.id)).to.deep.equal(['a', 'c']);
  });
});

describe('ui client: event reactions', () => {
  const endpoint = 'http://h/root';

  it('gives session files a URL and sends task lists to their own store', () => {
    let s = initialChatState('S1');
    s = { ...s, ...on.element(s, { id: 'e1', type: 'image', name: 'pic', chainlitKey: 'K' }, endpoint) };
    s = { ...s, ...on.element(s, { id: 't1', type: 'tasklist', name: 'tasks', url: '/x' }, endpoint) };
    expect(s.elements[0]!.url).to.equal('http://h/root/project/file/K?session_id=S1');
    expect(s.tasklists.map((e) => e.id)).to.deep.equal(['t1']);
    s = { ...s, ...on.element(s, { id: 'e1', type: 'image', name: 'pic2', url: '/u' }, endpoint) };
    expect(s.elements).to.have.length(1);
    expect(s.elements[0]!.name).to.equal('pic2');
    s = { ...s, ...on.removeElement(s, { id: 't1' }) };
    expect(s.tasklists).to.have.length(0);
  });

  it('keeps a given element URL', () => {
    expect(fixElementUrl({ id: 'e', type: 'file', name: 'f', url: 'https://x/f' }, endpoint, 'S').url).to.equal('https://x/f');
  });

  it('an ask adds its question to the tree and ends loading', () => {
    let s = { ...initialChatState('S'), loading: true };
    const answer = () => undefined;
    s = { ...s, ...on.ask(s, { msg: step('q'), spec: { type: 'text', step_id: 'q', timeout: 60 }, answer }) };
    expect(s.loading).to.equal(false);
    expect(s.ask?.msg.id).to.equal('q');
    expect(findStep(s.messages, 'q')).to.not.equal(undefined);
  });

  it('sidebar elements: empty list closes, same key keeps the first set', () => {
    let s = initialChatState('S');
    s = { ...s, ...on.sidebarTitle(s, 'Side') };
    s = { ...s, ...on.sidebarElements(s, { elements: [{ id: 'a', type: 'text', name: 'a' }], key: 'k' }, endpoint) };
    expect(s.sidebar?.title).to.equal('Side');
    s = { ...s, ...on.sidebarElements(s, { elements: [{ id: 'b', type: 'text', name: 'b' }], key: 'k' }, endpoint) };
    expect(s.sidebar?.elements.map((e) => e.id)).to.deep.equal(['a']);
    s = { ...s, ...on.sidebarElements(s, { elements: [], key: null }, endpoint) };
    expect(s.sidebar).to.equal(null);
  });

  it('remove_element removes by id from the chat and the server sidebar, and nothing else', () => {
    let s: ChatState = initialChatState('sess');
    for (const id of ['a', 'b']) s = { ...s, ...on.element(s, { id, type: 'image', name: id, forId: 'm1', url: `/${id}.png` }, endpoint) };
    s = { ...s, ...on.sidebarElements(s, { elements: [{ id: 'a', type: 'image', name: 'a' }, { id: 'b', type: 'image', name: 'b' }], key: 'k' }, endpoint) };
    s = { ...s, ...on.removeElement(s, { id: 'a' }) };
    expect(s.elements.map((e) => e.id)).to.deep.equal(['b']);
    expect(s.sidebar?.elements.map((e) => e.id)).to.deep.equal(['b']);
    expect(s.sidebar?.key).to.equal('k');
    const before = s;
    s = { ...s, ...on.removeElement(s, { id: 'unknown' }) };
    expect(s.sidebar).to.equal(before.sidebar);
  });

  it('resume_thread rebuilds the tree, drops avatar elements and restores settings', () => {
    let s: ChatState = { ...initialChatState('S'), chatSettingsValue: { a: 1, b: 2 } };
    s = {
      ...s,
      ...on.resumeThread(
        s,
        {
          id: 'T',
          createdAt: '',
          metadata: { chat_settings: { b: 3 } },
          steps: [step('u', null, { type: 'user_message' }), step('r', 'u')],
          elements: [
            // A type outside the wire schema: threads stored by older Chainlit versions hold these.
            { id: 'av', type: 'avatar', name: 'bot' } as unknown as IElement,
            { id: 'f', type: 'file', name: 'f', chainlitKey: 'K' },
          ],
        },
        endpoint,
      ),
    };
    expect(s.threadId).to.equal('T');
    expect(s.messages[0]!.steps![0]!.id).to.equal('r');
    expect(s.elements.map((e) => e.id)).to.deep.equal(['f']);
    expect(s.chatSettingsValue).to.deep.equal({ a: 1, b: 3 });
  });

  it('chat_settings resets values to the initials, flattening tabs', () => {
    const s = on.chatSettings(initialChatState('S'), [
      { type: 'switch', id: 'x', label: 'X', initial: true },
      { id: 'tab', label: 'Tab', inputs: [{ type: 'slider', id: 'y', label: 'Y', initial: 3 }] },
    ]);
    expect(s.chatSettingsValue).to.deep.equal({ x: true, y: 3 });
    expect(widgetDefaults([{ type: 'tags', id: 't', label: 'T' }])).to.deep.equal({ t: null });
  });
});

describe('ui client: file acceptance', () => {
  it('matches MIME wildcards or extensions, like react-dropzone', () => {
    expect(fileAccepted({ name: 'a.png', type: 'image/png' }, ['image/*'])).to.equal(true);
    expect(fileAccepted({ name: 'a.txt', type: 'text/plain' }, ['image/*'])).to.equal(false);
    expect(fileAccepted({ name: 'a.CSV', type: '' }, { 'text/csv': ['.csv'] })).to.equal(true);
    expect(fileAccepted({ name: 'a.bin', type: 'application/octet-stream' }, ['*/*'])).to.equal(true);
    expect(fileAccepted({ name: 'a.bin', type: '' }, null)).to.equal(true);
    expect(acceptAttribute(['*/*'])).to.equal('');
    expect(acceptAttribute({ 'text/csv': ['.csv'] })).to.equal('text/csv,.csv');
  });

  it('reports type, size and count violations and keeps the rest', () => {
    const f = (name: string, type: string, size: number) => ({ name, type, size }) as File;
    const res = checkFiles(
      [f('a.txt', 'text/plain', 10), f('b.exe', 'application/x', 10), f('c.txt', 'text/plain', 3 * 1024 * 1024), f('d.txt', 'text/plain', 1)],
      { accept: ['text/plain'], maxSizeMb: 2, maxFiles: 2 },
      1,
    );
    expect(res.ok.map((x) => x.name)).to.deep.equal(['a.txt']);
    expect(res.errors.map((e) => e.key.split('.').pop())).to.deep.equal(['wrongType', 'tooLarge', 'tooMany']);
  });
});

describe('ui client: markdown blocks', () => {
  it('splits at blank lines but never inside code fences or display math', () => {
    const text = 'para one\n\n```js\na\n\nb\n```\n\n$$\nx\n\ny\n$$\n\nlast';
    expect(splitBlocks(text)).to.deep.equal(['para one', '```js\na\n\nb\n```', '$$\nx\n\ny\n$$', 'last']);
  });
});
