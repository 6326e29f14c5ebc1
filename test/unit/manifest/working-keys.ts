/**
 * Manifest keys that work end to end, each with the test files that prove it. An entry
 * covers its key and everything under it. keys.test.ts checks that every key of the schema
 * is either here or refused (runtime/manifest/availability.ts), that each proof file exists,
 * and that one of them names the key.
 *
 * When a feature lands: delete its rows from UNAVAILABLE_KEYS, add its keys here with the
 * tests that prove them, and drop them from test/fixtures/manifests/refused/every-key.yaml.
 */
export interface WorkingKey {
  readonly key: string;
  /** Repository-relative test files (and the fixtures they run) that prove the key. */
  readonly proof: readonly string[];
}

const BROWSER_KEYS = ['test/browser/manifest-keys.test.ts', 'test/fixtures/ui/manifest-keys.yaml'];
const SERVER_KEYS = ['test/protocol/manifest-keys.test.ts'];
const CUSTOMISATION = ['test/browser/customisation.test.ts', 'test/fixtures/ui/theme/app.yaml'];
const PROJECT = ['test/protocol/http-project.test.ts'];

const AUTH_CORE = ['test/protocol/auth-core.test.ts'];
const AUTH_UI = ['test/browser/auth.test.ts'];

const MCP = ['test/protocol/mcp.test.ts'];
const MCP_UI = ['test/browser/mcp.test.ts'];

export const WORKING_KEYS: readonly WorkingKey[] = [
  { key: 'mcp.servers', proof: MCP },
  { key: 'features.mcp.enabled', proof: [...MCP, ...MCP_UI] },
  { key: 'features.mcp.sse', proof: [...MCP, ...MCP_UI] },
  { key: 'features.mcp.streamable_http', proof: [...MCP, ...MCP_UI] },
  { key: 'features.mcp.stdio', proof: [...MCP, ...MCP_UI] },
  { key: 'features.mcp.allow_private_addresses', proof: [...MCP, ...MCP_UI] },
  { key: 'data_layer.enabled', proof: ['test/data/custom-layer.test.ts', 'test/data/migrate.test.ts'] },
  { key: 'data_layer.url', proof: ['test/data/custom-layer.test.ts', 'test/data/knex-postgres.test.ts'] },
  { key: 'data_layer.module', proof: ['test/data/custom-layer.test.ts'] },
  { key: 'storage.s3', proof: ['test/data/storage-s3.test.ts'] },
  { key: 'project.persist_user_env', proof: ['test/protocol/persistence.test.ts'] },
  { key: 'features.auto_tag_thread', proof: ['test/protocol/persistence.test.ts'] },
  { key: 'auth.secret', proof: AUTH_CORE },
  { key: 'auth.password', proof: [...AUTH_CORE, 'test/protocol/auth-docs.test.ts'] },
  { key: 'auth.header', proof: ['test/protocol/auth-docs.test.ts', ...AUTH_UI] },
  { key: 'auth.oauth', proof: ['test/protocol/auth-oauth.test.ts'] },
  { key: 'auth.custom', proof: ['test/protocol/auth-custom.test.ts'] },
  { key: 'auth.cookie_samesite', proof: AUTH_CORE },
  { key: 'project.user_session_timeout', proof: AUTH_CORE },
  { key: 'ui.login_page_image', proof: AUTH_UI },
  { key: 'ui.login_page_image_filter', proof: AUTH_UI },
  { key: 'ui.login_page_image_dark_filter', proof: AUTH_UI },

  { key: 'name', proof: ['test/protocol/http-static.test.ts'] },
  { key: 'description', proof: ['test/protocol/http-static.test.ts'] },
  { key: 'plugins', proof: SERVER_KEYS },

  { key: 'project.allow_origins', proof: PROJECT },
  { key: 'project.user_env', proof: ['test/protocol/realtime-lifecycle.test.ts'] },
  { key: 'project.session_timeout', proof: ['test/protocol/realtime-lifecycle.test.ts'] },
  { key: 'project.cache', proof: ['test/protocol/sdk-cache.test.ts'] },
  { key: 'project.mask_user_env', proof: BROWSER_KEYS },
  { key: 'project.transports', proof: ['test/protocol/realtime-transports.test.ts'] },

  { key: 'features.spontaneous_file_upload.enabled', proof: ['test/protocol/http-files.test.ts'] },
  { key: 'features.spontaneous_file_upload.accept', proof: ['test/protocol/http-files.test.ts'] },
  { key: 'features.spontaneous_file_upload.max_files', proof: ['test/protocol/session-files.test.ts'] },
  { key: 'features.spontaneous_file_upload.max_size_mb', proof: ['test/protocol/http-files.test.ts'] },
  { key: 'features.latex', proof: ['test/browser/rendering.test.ts', 'test/fixtures/ui/chat.yaml'] },
  { key: 'features.user_message_markdown', proof: BROWSER_KEYS },
  { key: 'features.user_message_autoscroll', proof: BROWSER_KEYS },
  { key: 'features.assistant_message_autoscroll', proof: BROWSER_KEYS },
  { key: 'features.unsafe_allow_html', proof: ['test/browser/rendering.test.ts', 'test/fixtures/ui/theme/app.yaml'] },
  { key: 'features.allow_thread_sharing', proof: ['test/protocol/history-sharing.test.ts'] },
  { key: 'features.favorites', proof: ['test/protocol/history-favorites.test.ts'] },
  { key: 'features.audio.enabled', proof: ['test/browser/voice.test.ts', 'test/protocol/audio.test.ts'] },
  { key: 'features.audio.sample_rate', proof: ['test/browser/voice.test.ts', 'test/protocol/audio.test.ts'] },
  { key: 'features.edit_message', proof: ['test/protocol/realtime-messages.test.ts', 'test/fixtures/apps/core/chainlit.yaml'] },

  { key: 'ui.name', proof: SERVER_KEYS },
  { key: 'ui.description', proof: SERVER_KEYS },
  { key: 'ui.cot', proof: ['test/browser/rendering.test.ts', 'test/fixtures/ui/chat-hidden.yaml'] },
  { key: 'ui.default_collapse_content', proof: BROWSER_KEYS },
  { key: 'ui.default_theme', proof: CUSTOMISATION },
  { key: 'ui.language', proof: PROJECT },
  { key: 'ui.layout', proof: CUSTOMISATION },
  { key: 'ui.chat_settings_location', proof: BROWSER_KEYS },
  { key: 'ui.confirm_new_chat', proof: BROWSER_KEYS },
  { key: 'ui.default_sidebar_state', proof: ['test/browser/history.test.ts'] },
  { key: 'ui.github', proof: ['test/browser/customisation.test.ts', 'test/fixtures/ui/chat.yaml'] },
  { key: 'ui.custom_css', proof: ['test/protocol/http-static.test.ts'] },
  { key: 'ui.custom_css_attributes', proof: ['test/protocol/http-static.test.ts'] },
  { key: 'ui.custom_js', proof: ['test/protocol/http-static.test.ts'] },
  { key: 'ui.custom_js_attributes', proof: ['test/protocol/http-static.test.ts'] },
  { key: 'ui.custom_meta_url', proof: SERVER_KEYS },
  { key: 'ui.custom_meta_image_url', proof: SERVER_KEYS },
  { key: 'ui.logo_file_url', proof: BROWSER_KEYS },
  { key: 'ui.default_avatar_file_url', proof: BROWSER_KEYS },
  { key: 'ui.custom_build', proof: [...SERVER_KEYS, 'test/protocol/custom-build.test.ts'] },
  { key: 'ui.header_links[].name', proof: CUSTOMISATION },
  { key: 'ui.header_links[].display_name', proof: CUSTOMISATION },
  { key: 'ui.header_links[].icon_url', proof: CUSTOMISATION },
  { key: 'ui.header_links[].url', proof: CUSTOMISATION },
  { key: 'ui.header_links[].target', proof: BROWSER_KEYS },

  { key: 'server.host', proof: SERVER_KEYS },
  { key: 'server.port', proof: SERVER_KEYS },
  { key: 'server.root_path', proof: SERVER_KEYS },
  { key: 'server.public_dir', proof: SERVER_KEYS },
  { key: 'server.shutdown_grace_seconds', proof: ['test/ops/shutdown.test.ts', 'test/ops/serve.test.ts'] },
  { key: 'server.metrics', proof: ['test/ops/metrics.test.ts'] },

  { key: 'session.store', proof: ['test/protocol/session-redis.test.ts'] },
  { key: 'session.redis_url', proof: ['test/protocol/session-redis.test.ts'] },
  { key: 'session.key_prefix', proof: ['test/protocol/session-redis.test.ts'] },
  { key: 'session.replay_log.max_entries', proof: ['test/protocol/realtime-replay.test.ts'] },

  { key: 'storage.kind', proof: [...SERVER_KEYS, 'test/data/storage-s3.test.ts'] },
  { key: 'storage.path', proof: SERVER_KEYS },

  { key: 'profiles[].name', proof: PROJECT },
  { key: 'profiles[].display_name', proof: PROJECT },
  { key: 'profiles[].icon', proof: PROJECT },
  { key: 'profiles[].markdown_description', proof: PROJECT },
  { key: 'profiles[].default', proof: PROJECT },
  { key: 'profiles[].starters', proof: PROJECT },
  { key: 'profiles[].config_overrides', proof: ['test/protocol/interactions.test.ts', 'test/fixtures/apps/interact/chainlit.yaml'] },
  { key: 'profiles[].plugin', proof: ['test/protocol/interactions.test.ts', 'test/fixtures/apps/interact/chainlit.yaml'] },
  { key: 'profiles[].config', proof: ['test/protocol/interactions.test.ts', 'test/fixtures/apps/interact/chainlit.yaml'] },

  { key: 'starters[].label', proof: PROJECT },
  { key: 'starters[].message', proof: PROJECT },
  { key: 'starters[].icon', proof: PROJECT },
  { key: 'starters[].command', proof: ['test/browser/composer.test.ts', 'test/fixtures/ui/chat.yaml'] },
  { key: 'starter_categories', proof: BROWSER_KEYS },

  { key: 'commands[].id', proof: ['test/protocol/interactions.test.ts', 'test/fixtures/apps/interact/chainlit.yaml'] },
  { key: 'commands[].description', proof: ['test/browser/composer.test.ts', 'test/fixtures/ui/chat.yaml'] },
  { key: 'commands[].icon', proof: ['test/browser/composer.test.ts', 'test/fixtures/ui/chat.yaml'] },
  { key: 'commands[].button', proof: ['test/browser/composer.test.ts', 'test/fixtures/ui/chat.yaml'] },
  { key: 'commands[].persistent', proof: ['test/browser/composer.test.ts', 'test/fixtures/ui/chat.yaml'] },
  { key: 'commands[].selected', proof: BROWSER_KEYS },
  { key: 'commands[].handler', proof: ['test/protocol/interactions.test.ts', 'test/fixtures/apps/interact/chainlit.yaml'] },

  { key: 'chat_settings', proof: SERVER_KEYS },

  { key: 'elements', proof: ['test/protocol/elements-custom.test.ts'] },
];
