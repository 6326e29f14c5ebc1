import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
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
  - label: Say hello
    message: Hello!
    icon: /public/favicon.svg
`;
}

const PLUGIN = `import { definePlugin, Message, Step } from 'chainlit-rt';

export default definePlugin({
  async onChatStart() {
    await new Message({ content: 'Hi! Send me a message.' }).send();
  },
  async onMessage(message) {
    const words = await Step.run({ name: 'count words', type: 'tool' }, async () => message.content.split(/\\s+/).filter(Boolean).length);
    const reply = new Message({ content: '' });
    for (const token of ['You ', 'wrote ', \`\${words} \`, 'words.']) await reply.streamToken(token);
    await reply.send();
  },
});
`;

const README = `# Welcome to your chainlit-rt app

Edit \`chainlit.yaml\` to configure the app and \`plugins/app.ts\` to change what it does.
This page is \`chainlit.md\`: it is shown from the readme button in the header.
`;

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#f80061"/><path d="M9 16h14M16 9v14" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>\n`;

/** Scaffolds an app in `folder`; refuses to overwrite files unless `force`. */
export async function initCommand(folder: string, options: { force?: boolean } = {}): Promise<number> {
  const schema = relative(folder, packagePath('schemas', 'manifest.schema.json')) || 'schemas/manifest.schema.json';
  const files: Record<string, string> = {
    'chainlit.yaml': manifestTemplate(schema),
    'plugins/app.ts': PLUGIN,
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
  console.log('\nRun it with: npx chainlit-rt serve chainlit.yaml');
  return 0;
}
