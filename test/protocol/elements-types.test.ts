import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import type { TestClient } from '../support/client.js';
import { REPO, startServer, type TestServer } from '../support/server.js';
import { ELEMENTS_APP, connectReady, fileUrl, ownerFetch, runCommand } from '../fixtures/apps/elements/harness.js';
import type { ElementDict } from '../../runtime/wire.js';

const ELEMENT_KEYS = ['id', 'threadId', 'type', 'name', 'display', 'forId', 'url', 'chainlitKey', 'objectKey', 'mime', 'size', 'language', 'page', 'autoPlay', 'playerConfig', 'props'];
const APP_DIR = join(REPO, 'test/fixtures/apps/elements');

describe('elements: every type on the wire and over HTTP', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(ELEMENTS_APP);
    client = await connectReady(server);
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  async function one(command: string): Promise<{ element: ElementDict; messageId: string }> {
    const run = await runCommand(client, command);
    expect(run.elements, `${command}: ${run.messages.map((m) => m.output).join(' | ')}`).to.have.length(1);
    const message = run.messages.find((m) => m.type === 'assistant_message')!;
    return { element: run.elements[0]!, messageId: message.id };
  }

  async function download(element: ElementDict): Promise<Response> {
    expect(element.url).to.equal(null);
    expect(element.chainlitKey).to.be.a('string');
    const res = await ownerFetch(client, fileUrl(server, client, element.chainlitKey));
    expect(res.status).to.equal(200);
    return res;
  }

  it('text: markdown inline, code on the side, a page; served as text/plain after the message', async () => {
    const run = await runCommand(client, 'text');
    const message = run.messages.find((m) => m.output === 'notes and code')!;
    expect(run.events.indexOf('new_message')).to.be.lessThan(run.events.indexOf('element'));
    expect(run.elements.map((e) => [e.name, e.display])).to.deep.equal([['notes', 'inline'], ['code', 'side'], ['full', 'page']]);
    for (const el of run.elements) {
      expect(Object.keys(el).sort()).to.deep.equal([...ELEMENT_KEYS].sort());
      expect(el).to.include({ type: 'text', mime: 'text/plain', forId: message.id, url: null });
    }
    expect(run.elements[1]!.language).to.equal('typescript');
    const res = await download(run.elements[0]!);
    expect(res.headers.get('content-type')).to.match(/^text\/plain/);
    expect(res.headers.get('content-disposition')).to.equal("inline; filename*=UTF-8''notes");
    expect(await res.text()).to.equal('# Notes\nsome *markdown*');
  });

  it('image from a path: bytes copied, type sniffed, size kept', async () => {
    const { element, messageId } = await one('image-path');
    expect(element).to.include({ type: 'image', name: 'pixel', mime: 'image/png', size: 'large', forId: messageId, display: 'inline' });
    const res = await download(element);
    expect(res.headers.get('content-type')).to.equal('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(join(APP_DIR, 'assets/pixel.png')))).to.equal(true);
  });

  it('image from bytes: type sniffed from the signature; default size medium', async () => {
    const { element } = await one('image-bytes');
    expect(element).to.include({ type: 'image', name: 'dot', mime: 'image/png', size: 'medium' });
    const res = await download(element);
    expect((await res.arrayBuffer()).byteLength).to.equal(69);
  });

  it('image from a url: nothing stored, type from the url path', async () => {
    const { element } = await one('image-url');
    expect(element).to.include({ url: 'https://example.com/images/cat.jpg?size=2', chainlitKey: null, mime: 'image/jpeg' });
  });

  it('file: a download with its type from the name', async () => {
    const { element } = await one('file');
    expect(element).to.include({ type: 'file', name: 'data.csv', mime: 'text/csv' });
    const res = await download(element);
    expect(res.headers.get('content-type')).to.equal('text/csv');
    expect(res.headers.get('content-disposition')).to.equal("inline; filename*=UTF-8''data.csv");
    expect(await res.text()).to.equal('a,b\n1,2\n');
  });

  it('pdf: page and side display', async () => {
    const { element } = await one('pdf');
    expect(element).to.include({ type: 'pdf', mime: 'application/pdf', page: 2, display: 'side' });
    const res = await download(element);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    expect((await res.text()).startsWith('%PDF-1.4')).to.equal(true);
  });

  it('audio: autoPlay, type sniffed from WAV bytes', async () => {
    const { element } = await one('audio');
    expect(element).to.include({ type: 'audio', autoPlay: true });
    expect(element.mime).to.match(/^audio\/(x-)?wav$/);
    const res = await download(element);
    expect(res.headers.get('content-type')).to.equal(element.mime);
    expect((await res.arrayBuffer()).byteLength).to.equal(204);
  });

  it('video: url and player config', async () => {
    const { element } = await one('video');
    expect(element).to.include({ type: 'video', url: 'https://example.com/v/film.mp4', mime: 'video/mp4', size: 'medium' });
    expect(element.playerConfig).to.deep.equal({ controls: true });
  });

  it('plotly: the figure served as application/json', async () => {
    const { element } = await one('plotly');
    expect(element).to.include({ type: 'plotly', mime: 'application/json', size: 'medium' });
    const res = await download(element);
    expect(res.headers.get('content-type')).to.equal('application/json');
    expect(await res.json()).to.deep.equal({ data: [{ type: 'bar', x: ['a', 'b'], y: [1, 3] }], layout: { title: { text: 'Votes' } } });
  });

  it('dataframe from row objects: split JSON, served without a JSON type and without mime', async () => {
    const { element } = await one('dataframe');
    expect(element).to.include({ type: 'dataframe', mime: null, size: 'large' });
    const res = await download(element);
    expect(res.headers.get('content-type')).to.not.include('json');
    expect(JSON.parse(await res.text())).to.deep.equal({ columns: ['name', 'score', 'extra'], index: [0, 1], data: [['Ada', 3, null], ['Bob', 5, true]] });
  });

  it('dataframe from columns and rows', async () => {
    const { element } = await one('dataframe-rows');
    const res = await download(element);
    expect(JSON.parse(await res.text())).to.deep.equal({ columns: ['x', 'y'], index: [0, 1], data: [[1, 2], [3, 4]] });
  });

  it('pyplot from PNG bytes: an image element', async () => {
    const { element } = await one('pyplot-png');
    expect(element).to.include({ type: 'image', name: 'png-chart', mime: 'image/png' });
  });

  it('pyplot from a Vega-Lite spec: rendered to SVG on the server', async () => {
    const { element } = await one('pyplot-vega');
    expect(element).to.include({ type: 'image', name: 'fruit-chart', mime: 'image/svg+xml' });
    const res = await download(element);
    expect(res.headers.get('content-type')).to.equal('image/svg+xml');
    const svg = await res.text();
    expect(svg.startsWith('<svg')).to.equal(true);
    expect(svg).to.include('apple').and.to.include('pear');
  });

  it('pyplot with a spec that loads remote data: a clear error in the chat, nothing fetched', async () => {
    const run = await runCommand(client, 'pyplot-bad');
    expect(run.elements).to.have.length(0);
    const err = run.messages.find((m) => m.isError);
    expect(err?.output).to.match(/Could not render the chart spec to SVG: .*data\.values/);
  });
});
