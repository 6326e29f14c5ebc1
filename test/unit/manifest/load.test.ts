import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { clientConfig, loadManifest, loadManifestSchemaOnly, pickClientVisible } from '../../../runtime/manifest/index.js';

const valid = fileURLToPath(new URL('../../fixtures/manifests/valid/', import.meta.url));
// full.yaml touches every key of the schema, including keys this version refuses as not
// available yet (keys.test.ts covers the refusals); these tests are about the schema itself.
const loadFull = () => loadManifestSchemaOnly(join(valid, 'full.yaml'), { env: {} });

describe('manifest: loading valid manifests', () => {
  it('applies every schema default to an empty manifest', async () => {
    const { config } = await loadManifest(join(valid, 'empty.yaml'), { env: {} });
    expect(config.name).to.equal('Assistant');
    expect(config.ui).to.include({ name: 'Assistant', description: '', cot: 'full', default_theme: 'dark', layout: 'default', custom_js_attributes: 'defer', confirm_new_chat: true });
    expect(config.features.spontaneous_file_upload).to.deep.equal({ enabled: true, accept: ['*/*'], max_files: 20, max_size_mb: 500 });
    expect(config.features.audio).to.deep.equal({ enabled: false, sample_rate: 24000 });
    expect(config.features.mcp.stdio.allowed_executables).to.deep.equal([]);
    expect(config.features.mcp.allow_private_addresses).to.equal(false);
    expect(config.features).to.include({ latex: false, unsafe_allow_html: false, edit_message: true, auto_tag_thread: true, user_message_autoscroll: true });
    expect(config.data_layer.enabled).to.equal(true);
    expect(config.project).to.deep.equal({ allow_origins: [], user_env: [], session_timeout: 3600, user_session_timeout: 1296000, cache: true, persist_user_env: false, mask_user_env: false });
    expect(config.server).to.include({ host: '127.0.0.1', port: 8000, root_path: '' });
    expect(config.session).to.deep.equal({ store: 'memory', redis_url: 'redis://127.0.0.1:6379', key_prefix: 'chainlit-rt:', replay_log: { max_entries: 1000 } });
    expect(config.data_layer.url).to.equal(`sqlite://${join(valid, '.chainlit-rt/data.db')}`);
    expect(config.storage).to.deep.equal({ kind: 'local', path: join(valid, '.files') });
    expect(config.starters).to.deep.equal([]);
  });

  it('defaults ui.name and ui.description to the top-level keys, but keeps explicit ones', async () => {
    const minimal = await loadManifest(join(valid, 'minimal.yaml'), { env: {} });
    expect(minimal.config.ui.name).to.equal('Minimal');
    const full = await loadFull();
    expect(full.config.ui.name).to.equal('Full UI');
    expect(full.config.ui.description).to.equal('Everything at once');
  });

  it('keeps explicit values of every section', async () => {
    const { config } = await loadFull();
    expect(config.server).to.include({ host: '0.0.0.0', port: 9000, root_path: '/chat' });
    expect(config.features.spontaneous_file_upload.accept).to.deep.equal({ 'application/pdf': ['.pdf'] });
    expect(config.features.mcp.stdio.allowed_executables).to.deep.equal(['npx', 'uvx']);
    expect(config.features.mcp.allow_private_addresses).to.deep.equal(['10.0.0.0/8']);
    expect(config.chat_settings).to.have.length(11);
    expect(config.commands[0]).to.deep.equal({ id: 'search', icon: 'globe', description: 'Search the web', button: true, persistent: true, selected: false, handler: 'search' });
    expect(config.commands[1].button).to.equal(false);
    expect(config.profiles[1].markdown_description).to.equal('');
    expect(config.auth.oauth?.['azure-ad']?.settings).to.deep.equal({ tenant_id: 't' });
  });

  it('normalizes plugin entries and resolves relative paths against the manifest folder', async () => {
    const loaded = await loadFull();
    expect(loaded.root).to.equal(valid.replace(/\/$/, ''));
    expect(loaded.plugins).to.deep.equal([
      { id: 'echo', module: join(valid, 'plugins/echo.ts'), options: {} },
      { id: 'tools', module: join(valid, 'plugins/tools/index.ts'), options: { region: 'eu', retries: 2 } },
      { id: 'tools-b', module: join(valid, 'plugins/tools/index.ts'), options: {} },
    ]);
    expect(loaded.config.data_layer.url).to.equal(`sqlite://${join(valid, 'data/app.db')}`);
    expect(loaded.config.storage.path).to.equal(join(valid, 'uploads'));
    expect(loaded.config.elements.WeatherCard).to.equal(join(valid, 'public/elements/WeatherCard.jsx'));
    expect(loaded.config.profiles[1].plugin).to.equal(join(valid, 'plugins/expert.ts'));
    expect(loaded.config.ui.custom_css).to.equal('/public/style.css');
    expect(loaded.config.mcp.servers.remote?.url).to.equal('https://mcp.example.com/mcp');
    expect(loaded.resolve('./x/y.txt')).to.equal(join(valid, 'x/y.txt'));
    expect(loaded.resolve('/abs/z')).to.equal('/abs/z');
  });

  it('freezes the config, nested sections and plugin entries', async () => {
    const loaded = await loadFull();
    expect(Object.isFrozen(loaded.config)).to.equal(true);
    expect(Object.isFrozen(loaded.config.features.audio)).to.equal(true);
    expect(Object.isFrozen(loaded.config.starters[0])).to.equal(true);
    expect(Object.isFrozen(loaded.plugins[1].options)).to.equal(true);
    expect(() => { (loaded.config.ui as { cot: string }).cot = 'hidden'; }).to.throw(TypeError);
  });

  it('merges a profile\'s config_overrides into a new frozen, cached config', async () => {
    const loaded = await loadFull();
    const fast = loaded.effective('fast');
    expect(fast.ui.cot).to.equal('hidden');
    expect(fast.ui.name).to.equal('Fast UI');
    expect(fast.ui.layout).to.equal('wide');
    // Deep merge: only `enabled` was overridden; no schema default sneaks in.
    expect(fast.features.audio).to.deep.equal({ enabled: false, sample_rate: 16000 });
    expect(fast.features.latex).to.equal(false);
    expect(fast.project.user_env).to.deep.equal([]);
    expect(fast.project.session_timeout).to.equal(600);
    expect(loaded.config.ui.cot).to.equal('tool_call');
    expect(loaded.config.project.user_env).to.deep.equal(['OPENAI_API_KEY']);
    expect(Object.isFrozen(fast.features.audio)).to.equal(true);
    expect(loaded.effective('fast')).to.equal(fast);
    expect(loaded.effective('expert')).to.equal(loaded.config);
    expect(loaded.effective('nobody')).to.equal(loaded.config);
    expect(loaded.effective(null)).to.equal(loaded.config);
  });

  it('exposes only client-visible keys to the browser', async () => {
    const loaded = await loadFull();
    const { ui, features } = clientConfig(loaded.effective('fast'));
    expect(ui.cot).to.equal('hidden');
    expect(ui.github).to.equal('https://github.com/example/full');
    expect(ui).to.have.property('custom_build', null);
    expect(features.audio).to.deep.equal({ enabled: false, sample_rate: 16000 });
    const profiles = pickClientVisible('#/properties/profiles', loaded.config.profiles) as Record<string, unknown>[];
    expect(profiles[0]).to.have.keys('name', 'display_name', 'icon', 'markdown_description', 'default', 'starters');
    expect(profiles[1]).to.not.have.any.keys('plugin', 'config', 'config_overrides');
    const commands = pickClientVisible('#/properties/commands', loaded.config.commands) as Record<string, unknown>[];
    expect(commands[0]).to.not.have.property('handler');
    expect(commands[0]).to.include({ id: 'search', button: true });
    expect(pickClientVisible('#', loaded.config)).to.not.have.any.keys('auth', 'session', 'data_layer', 'mcp', 'server', 'storage', 'plugins');
    const everything = JSON.stringify(pickClientVisible('#', loaded.config));
    for (const secret of ['not-a-real-secret', 'redis://cache.internal', 'Bearer xyz', 'scrypt$16384$8$1$c2FsdA']) expect(everything).to.not.include(secret);
    expect(everything).to.include('OPENAI_API_KEY');
  });
});

describe('manifest: client view of an empty manifest', () => {
  it('shows every ui/features key (nulls for unset ones) and nothing server-side', async () => {
    const { config } = await loadManifest(join(valid, 'empty.yaml'), { env: { CHAINLIT_AUTH_SECRET: 'hidden-secret' } });
    const { ui, features } = clientConfig(config);
    expect(ui).to.include({ name: 'Assistant', cot: 'full', github: null, custom_css: null, language: null });
    expect(features).to.include({ latex: false, edit_message: true });
    const visible = pickClientVisible('#', config) as Record<string, unknown>;
    expect(Object.keys(visible).sort()).to.deep.equal(['chat_settings', 'commands', 'features', 'profiles', 'project', 'starter_categories', 'starters', 'ui']);
    expect(visible.project).to.deep.equal({ user_env: [], mask_user_env: false });
    expect(JSON.stringify(visible)).to.not.include('hidden-secret');
  });
});

describe('manifest: empty sections', () => {
  it('treats a section whose children are all commented out as absent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crt-manifest-empty-'));
    try {
      await writeFile(join(dir, 'app.yaml'), 'name: x\nui:\n  # cot: hidden\nstarters:\n');
      const { config } = await loadManifest(join(dir, 'app.yaml'), { env: {} });
      expect(config.ui.cot).to.equal('full');
      expect(config.starters).to.deep.equal([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
