import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { packagePath } from '../runtime/paths.js';

/** `--port abc` fails at once, in one line that says what a port is. */
function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535, e.g. --port 8001 (0 picks a free port).');
  return port;
}

const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
const program = new Command('chainlit-rt')
  .description('Chainlit for TypeScript: a YAML manifest plus small plugins become a chat app.')
  .version(pkg.version)
  // -h is `serve --headless`, as in Chainlit; help stays on --help.
  .helpOption('--help', 'show help');

program
  .command('serve')
  .description('run an app (default manifest: ./chainlit.yaml)')
  .argument('[manifest]', 'path of the manifest', 'chainlit.yaml')
  .helpOption('--help', 'show help')
  .option('--host <host>', 'address to listen on (default: server.host, 127.0.0.1)')
  .option('--port <port>', 'port to listen on (default: server.port, 8000)', parsePort)
  .option('-w, --watch', 'reload plugins, manifest and public/ on change')
  .option('-h, --headless', 'do not open a browser')
  .option('-d, --debug', 'debug logs')
  .option('--root-path <path>', 'serve the app under this sub-path, e.g. /chat')
  .option('--ci', 'CI mode: headless, plain JSON logs')
  .action(async (manifest: string, opts) => {
    const { serveCommand } = await import('./commands/serve.js');
    process.exitCode = await serveCommand(manifest, opts);
  });

program
  .command('validate')
  .description('check a manifest; print file:line:column key: problem for each error')
  .argument('[manifest]', 'path of the manifest', 'chainlit.yaml')
  .action(async (manifest: string) => {
    const { validateCommand } = await import('./commands/validate.js');
    process.exitCode = await validateCommand(manifest);
  });

program
  .command('migrate')
  .description("create or upgrade the data layer's database schema (as serve does at start)")
  .argument('[manifest]', 'path of the manifest', 'chainlit.yaml')
  .option('--status', 'list applied and pending migrations; change nothing')
  .action(async (manifest: string, opts: { status?: boolean }) => {
    const { migrateCommand } = await import('./commands/migrate.js');
    process.exitCode = await migrateCommand(manifest, opts);
  });

program
  .command('test')
  .description('run conversation specs (*.test.yaml) against their apps, headless; exit 1 on any failure')
  .argument('[files...]', 'spec files or folders (default: manifests/tests and tests)')
  .option('--reporter <name>', 'pretty | tap | junit', 'pretty')
  .option('--output <file>', 'write the report to this file instead of stdout')
  .option('--parallel <n>', 'spec files run at once, each with its own app', (v) => Number.parseInt(v, 10), 1)
  .option('--logs', "show the apps' logs")
  .action(async (files: string[], opts) => {
    const { testCommand } = await import('./commands/test.js');
    process.exitCode = await testCommand(files, opts);
  });

program
  .command('init')
  .description('scaffold an app in the current folder: chainlit.yaml, a plugin, a conversation spec, chainlit.md, public/')
  .option('--force', 'overwrite existing files')
  .action(async (opts: { force?: boolean }) => {
    const { initCommand } = await import('./commands/init.js');
    process.exitCode = await initCommand(process.cwd(), opts);
  });

program
  .command('create-secret')
  .description('print a random secret for CHAINLIT_AUTH_SECRET')
  .action(async () => {
    const { createSecretCommand } = await import('./commands/create-secret.js');
    process.exitCode = createSecretCommand();
  });

program
  .command('hash-password')
  .description('print the scrypt hash of a password (read from stdin or asked) for auth.password.users')
  .action(async () => {
    const { hashPasswordCommand } = await import('./commands/hash-password.js');
    process.exitCode = await hashPasswordCommand();
  });

program
  .command('lint-translations')
  .description('check translation files against en-US.json: missing and extra keys, changed placeholders')
  .argument('[folder]', 'folder of <lang>.json files (default: ./translations, else the built-in ones)')
  .action(async (folder: string | undefined) => {
    const { lintTranslationsCommand } = await import('./commands/lint-translations.js');
    process.exitCode = await lintTranslationsCommand(folder);
  });

program
  .command('hello')
  .description('run the "What is your name?" demo')
  .helpOption('--help', 'show help')
  .option('--port <port>', 'port to listen on', parsePort)
  .option('-h, --headless', 'do not open a browser')
  .action(async (opts) => {
    const { serveCommand } = await import('./commands/serve.js');
    process.exitCode = await serveCommand(packagePath('manifests', 'hello.yaml'), opts);
  });

await program.parseAsync(process.argv);
