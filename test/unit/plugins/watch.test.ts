import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { watchApp, type AppWatcher } from '../../../runtime/plugins/watch.js';
import { tempDir } from './support.js';
import { waitUntil } from '../../support/wait.js';

describe('plugins/watch', () => {
  let app: ReturnType<typeof tempDir>;
  let watcher: AppWatcher | undefined;
  beforeEach(() => (app = tempDir('watch')));
  afterEach(async () => {
    await watcher?.close();
    watcher = undefined;
    app.cleanup();
  });

  it('is ready only once every existing file is watched, also when a listed path does not exist yet', async () => {
    // Chokidar can say ready before it watches the paths listed after a missing one (an app
    // without public/ lists it before its plugins): an edit right after start was lost.
    const manifest = path.join(app.dir, 'app.yaml');
    const plugin = path.join(app.dir, 'plugin.ts');
    writeFileSync(manifest, 'name: a\n');
    writeFileSync(plugin, 'export const a = 1;\n');
    const calls: string[][] = [];
    watcher = watchApp({ files: () => [manifest, path.join(app.dir, 'public'), plugin], onChange: (changed) => void calls.push(changed), debounceMs: 20 });
    await watcher.ready;
    writeFileSync(plugin, 'export const a = 2;\n');
    await waitUntil('the change is reported', () => calls.length > 0, 5000);
    expect(calls[0]).to.deep.equal([plugin]);
  });

  it('reports a burst of writes once, after the debounce', async () => {
    const file = path.join(app.dir, 'plugin.ts');
    const other = path.join(app.dir, 'helper.ts');
    writeFileSync(file, 'export const a = 1;\n');
    writeFileSync(other, 'export const b = 1;\n');
    const calls: string[][] = [];
    watcher = watchApp({ files: () => [file, other], onChange: (changed) => void calls.push(changed), debounceMs: 150 });
    await watcher.ready;
    writeFileSync(file, 'export const a = 2;\n');
    await delay(30);
    writeFileSync(other, 'export const b = 2;\n');
    await delay(30);
    writeFileSync(file, 'export const a = 3;\n');
    await waitUntil('the change is reported', () => calls.length > 0, 5000);
    await delay(400);
    expect(calls).to.deep.equal([[other, file].sort()]);
  });

  it('follows the file list as it changes after a reload', async () => {
    const manifest = path.join(app.dir, 'app.yaml');
    const added = path.join(app.dir, 'added.ts');
    writeFileSync(manifest, 'name: a\n');
    writeFileSync(added, 'export {};\n');
    let files = [manifest];
    const calls: string[][] = [];
    watcher = watchApp({
      files: () => files,
      onChange: (changed) => {
        calls.push(changed);
        files = [manifest, added];
      },
      debounceMs: 50,
    });
    await watcher.ready;
    writeFileSync(added, 'export const ignored = 1;\n');
    await delay(300);
    expect(calls).to.deep.equal([]);
    writeFileSync(manifest, 'name: b\n');
    await waitUntil('one change is reported', () => calls.length === 1, 5000);
    await delay(200); // the new file is added to the watcher asynchronously
    writeFileSync(added, 'export const seen = 1;\n');
    await waitUntil('two changes are reported', () => calls.length === 2, 5000);
    expect(calls).to.deep.equal([[manifest], [added]]);
  });

  it('never overlaps calls: changes during a slow onChange come in the next call', async () => {
    const file = path.join(app.dir, 'a.ts');
    writeFileSync(file, '1');
    let active = 0;
    let maxActive = 0;
    const calls: string[][] = [];
    watcher = watchApp({
      files: () => [file],
      onChange: async (changed) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        calls.push(changed);
        if (calls.length === 1) {
          await delay(100);
          writeFileSync(file, '3');
          await delay(300);
        }
        active -= 1;
      },
      debounceMs: 30,
    });
    await watcher.ready;
    writeFileSync(file, '2');
    await waitUntil('two changes are reported', () => calls.length === 2, 5000);
    expect(maxActive).to.equal(1);
    expect(calls).to.deep.equal([[file], [file]]);
  });
});
