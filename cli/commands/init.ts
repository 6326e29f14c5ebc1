import { existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { packagePath } from '../../runtime/paths.js';

function manifestTemplate(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# Every key is described in docs/manifest.md of chainlit-rt.
name: My Assistant
plugins:
  - plugins/app.ts

project:
  # Origins allowed to call this app from a browser with credentials.
  # [] = only the app's own origin (secure default); ["*"] = any origin (not for production).
  allow_origins: []
  # Seconds a disconnected session is kept so the browser can reconnect.
  session_timeout: 3600

features:
  edit_message: true
  spontaneous_file_upload:
    enabled: true
    accept: ["*/*"]
    max_files: 20
    max_size_mb: 500

ui:
  cot: full
  default_theme: dark

starters:
  # Shown on the empty chat; a click sends the message as the user.
  - label: Say hello
    message: Hello!
    icon: /public/favicon.svg
  - label: Count my words
    message: How many words are in this sentence?
    icon: /public/favicon.svg
`;
}

// Shows what the manifest switches on: starters (the chat starts empty, so they show), a
// tool step (ui.cot: full), streaming, and the files a user attaches (spontaneous_file_upload).
const PLUGIN = `import { definePlugin, Message, Step } from 'chainlit-rt';

export default definePlugin({
  async onMessage(message) {
    // A tool step, shown above the answer because ui.cot is "full" in chainlit.yaml.
    const words = await Step.run({ name: 'count words', type: 'tool' }, async (step) => {
      step.setInput(message.content);
      return message.content.split(/\\s+/).filter(Boolean).length;
    });
    const parts = [\`You wrote \${words} \${words === 1 ? 'word' : 'words'}.\`];
    // Files attached with the paperclip (features.spontaneous_file_upload).
    if (message.elements.length > 0) {
      parts.push(\`You attached \${message.elements.map((f) => \`\${f.name} (\${f.size} bytes)\`).join(', ')}.\`);
    }
    // Streamed token by token, as a model would answer.
    const reply = new Message({ content: '' });
    for (const token of parts.join(' ').split(/(?<= )/)) await reply.streamToken(token);
    await reply.send();
  },
});
`;

const README = `# Welcome to your chainlit-rt app

Edit \`chainlit.yaml\` to configure the app and \`plugins/app.ts\` to change what it does.
Start it with \`serve -w\` and both reload as you save. This page is \`chainlit.md\`: it is
shown from the readme button in the header.
`;

function specTemplate(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# Conversation specs for this app: \`chainlit-rt test\` plays them against the real app
# (it finds every *.test.yaml under tests/). See docs/testing.md of chainlit-rt.
manifest: ../chainlit.yaml

tests:
  - name: starts empty, so the starters show; a starter gets a tool step and a streamed answer
    on_start:
      strict: true
      messages: []
    turns:
      - starter: Count my words
        expect:
          steps: [{ name: count words, type: tool, output: "7" }]
          messages: [You wrote 7 words.]

  - name: one word is one word
    turns:
      - say: Hello!
        expect:
          messages: [You wrote 1 word.]
`;
}

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#f80061"/><path d="M9 16h14M16 9v14" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>\n`;

/** Scaffolds an app in `folder`; refuses to overwrite files unless `force`. */
export async function initCommand(folder: string, options: { force?: boolean } = {}): Promise<number> {
  const schema = relative(folder, packagePath('schemas', 'manifest.schema.json')) || 'schemas/manifest.schema.json';
  const specSchema = relative(join(folder, 'tests'), packagePath('schemas', 'conversation-test.schema.json'));
  const files: Record<string, string> = {
    'chainlit.yaml': manifestTemplate(schema),
    'plugins/app.ts': PLUGIN,
    'tests/app.test.yaml': specTemplate(specSchema),
    'chainlit.md': README,
    'public/favicon.svg': FAVICON,
  };
  const existing = Object.keys(files).filter((f) => existsSync(join(folder, f)));
  if (existing.length > 0 && !options.force) {
    console.error(`Not overwriting existing files: ${existing.join(', ')} (use --force).`);
    return 1;
  }
  for (const [name, content] of Object.entries(files)) {
    const target = join(folder, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
    console.log(`created ${name}`);
  }
  const serve = serveCommandFor(folder);
  console.log(`\nRun it with: ${serve}`);
  console.log(`Test it with: ${serve.replace(/ serve$/, ' test')}`);
  return 0;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** True when `folder` (or a parent) has chainlit-rt in node_modules, so `npx chainlit-rt` finds it there. */
function installedFor(folder: string): boolean {
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    if (isFile(join(dir, 'node_modules', 'chainlit-rt', 'package.json'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** True when the `chainlit-rt` on PATH is this very installation. */
function onPath(bin: string): boolean {
  const self = realpathSync(bin);
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean).some((dir) => {
    const candidate = join(dir, 'chainlit-rt');
    try {
      return realpathSync(candidate) === self;
    } catch {
      return false;
    }
  });
}

/**
 * The command that starts the new app from its folder. `npx chainlit-rt` only works where
 * the package is installed (elsewhere npx looks the name up in the registry), so otherwise
 * name this installation's own bin. `serve` reads ./chainlit.yaml by default.
 */
export function serveCommandFor(folder: string): string {
  if (installedFor(folder)) return 'npx chainlit-rt serve';
  const bin = packagePath('bin', 'chainlit-rt.js');
  if (onPath(bin)) return 'chainlit-rt serve';
  const rel = relative(folder, bin);
  const shown = rel.length < bin.length ? rel : bin;
  return `node ${/\s/.test(shown) ? JSON.stringify(shown) : shown} serve`;
}
