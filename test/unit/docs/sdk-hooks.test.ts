import { expect } from 'chai';
import { DEFINITION_KEYS, HOOK_NAMES } from '../../../runtime/sdk/plugin.js';
import { EXCLUSIVE_HOOKS, NOTIFICATION_HOOKS } from '../../../runtime/plugins/hooks.js';
import { missingFrom, readRepoFile, section, tableNames } from './support.js';

/** docs/sdk.md's Plugins section must describe every hook and definition key the loader accepts. */
describe('docs/sdk.md: plugin hooks and definition keys', () => {
  const plugins = section(readRepoFile('docs/sdk.md'), 'Plugins');
  const documented = tableNames(plugins);

  it('has a table row for every hook and every definition key, and none for unknown ones', () => {
    const known = [...HOOK_NAMES, ...DEFINITION_KEYS];
    const undocumented = missingFrom(known, documented);
    const stale = missingFrom(documented, known);
    expect(undocumented, `hooks/keys the loader accepts but docs/sdk.md does not describe: ${undocumented.join(', ')}`).to.deep.equal([]);
    expect(stale, `rows in docs/sdk.md for names the loader does not accept: ${stale.join(', ')}`).to.deep.equal([]);
  });

  it('says for every hook whether it is exclusive or a notification, as the registry treats it', () => {
    const kindOf = new Map<string, string>();
    for (const row of plugins.split('\n')) {
      const cells = row.split(/(?<!\\)\|/).map((c) => c.trim());
      const name = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
      if (name && (HOOK_NAMES as readonly string[]).includes(name)) kindOf.set(name, cells[3] ?? '');
    }
    const wrong = [
      ...EXCLUSIVE_HOOKS.filter((h) => kindOf.get(h) !== 'exclusive').map((h) => `${h} should say "exclusive"`),
      ...NOTIFICATION_HOOKS.filter((h) => kindOf.get(h) !== 'notification').map((h) => `${h} should say "notification"`),
    ];
    expect(wrong, wrong.join('; ')).to.deep.equal([]);
  });
});
