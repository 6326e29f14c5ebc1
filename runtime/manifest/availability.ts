/**
 * The manifest never lies: a key the schema accepts either works end to end, or is listed
 * here and refused with CRT_NOT_AVAILABLE when the manifest sets it. Defaults never trigger
 * a refusal; only what the author wrote does.
 *
 * When a feature lands, delete its rows and add its keys, each with the test that proves
 * it, to test/unit/manifest/working-keys.ts (test/unit/manifest/keys.test.ts checks that
 * every schema key is in exactly one of the two lists).
 */

/** Where a refused key comes from: an issue number, or `null` when none is planned yet. */
export type Issue = 11 | 12 | 14 | 15 | null;

export interface UnavailableKey {
  /** Key path: dots between keys, `[]` for list items, `*` for any map key. Covers everything under it. */
  readonly key: string;
  /** What the key would do, completing "… is not available in this version". */
  readonly what: string;
  readonly issue: Issue;
  /** Refuse only this value (e.g. `storage.kind: s3`); absent: any value. */
  readonly value?: string;
  /** A value that states what is true today, so it is accepted (e.g. `enabled: false`). */
  readonly off?: boolean;
  /** What to use meanwhile, when something else does the job. */
  readonly instead?: string;
}

/** What each issue brings, for the message. */
export const ISSUES: Readonly<Record<Exclude<Issue, null>, string>> = {
  11: 'authentication',
  12: 'persistence: data layer, history, sharing',
  14: 'LLM apps, tools and MCP',
  15: 'copilot, embedding and the microphone',
};

export const UNAVAILABLE_KEYS: readonly UnavailableKey[] = [
  // Not planned in an issue yet.
  { key: 'ui.chat_settings_location', value: 'sidebar', what: 'chat settings in the threads sidebar', issue: null, instead: 'keep `message_composer` (the default)' },
  { key: 'features.slack.reaction_on_message_received', what: 'the Slack integration', issue: null, off: false },
  { key: 'ui.alert_style', what: 'alert styles', issue: null },
  { key: 'ui.avatar_size', what: 'a custom avatar size', issue: null },
  { key: 'ui.default_chat_settings_open', what: 'opening chat settings at chat start', issue: null, off: false },
  { key: 'ui.custom_font', what: 'a font stylesheet from the manifest', issue: null, instead: 'list stylesheet URLs in `custom_fonts` of public/theme.json' },
];

/** Plugin hooks that would switch on a feature that is not available (auth hooks above all). */
export interface UnavailableHook {
  /** A hook name of the plugin SDK (the manifest layer does not import the SDK). */
  readonly hook: string;
  readonly what: string;
  readonly issue: Issue;
}

export const UNAVAILABLE_HOOKS: readonly UnavailableHook[] = [
];

/** `issue 11, authentication` or `no issue planned yet, see ROADMAP.md`. */
export function comesWith(issue: Issue): string {
  return issue === null ? 'no issue planned yet, see ROADMAP.md' : `issue ${issue}, ${ISSUES[issue]}`;
}

/** The message of a refused key or hook, without the location (the caller adds file:line and the code). */
export function refusalMessage(entry: { what: string; issue: Issue; instead?: string }, thing = 'key'): string {
  const instead = entry.instead ? ` Meanwhile, ${entry.instead}.` : '';
  const auth = entry.issue === 11 ? ' An app that declares login never starts without it.' : '';
  return `not available yet (${entry.what}: ${comesWith(entry.issue)}). Remove the ${thing} to run without it.${instead}${auth}`;
}

/** Key path segments of a schema-style pattern (`a.b[].c`, `x.*`). */
export function patternSegments(pattern: string): string[] {
  return pattern.replace(/\[\]/g, '.[]').split('.').filter(Boolean);
}

/** Does a concrete key path (strings and list indexes) fall under a pattern? */
export function matchesPattern(pattern: readonly string[], path: readonly (string | number)[]): boolean {
  if (path.length < pattern.length) return false;
  return pattern.every((seg, i) => {
    const actual = path[i];
    if (seg === '[]') return typeof actual === 'number';
    if (seg === '*') return typeof actual === 'string';
    return actual === seg;
  });
}
