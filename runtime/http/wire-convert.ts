import type { ChatProfileDict, StarterCategoryDict, StarterDict } from '../wire.js';
import { isRecord } from './validation.js';

/*
 * Profiles and starters reach us in two spellings: snake_case from the manifest and
 * camelCase from plugin hooks (a hook may also return the wire shape). These functions
 * produce exactly the wire shape of PROTOCOL.md §5.13/§5.14 and drop everything else —
 * `config_overrides`, a profile's plugin and its config are server-only.
 */

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function toStarter(value: unknown): StarterDict | undefined {
  if (!isRecord(value)) return undefined;
  const label = str(value.label);
  const message = str(value.message);
  if (label === undefined || message === undefined) return undefined;
  return { label, message, command: str(value.command) ?? null, icon: str(value.icon) ?? null };
}

export function toStarters(value: unknown): StarterDict[] {
  if (!Array.isArray(value)) return [];
  return value.map(toStarter).filter((s): s is StarterDict => s !== undefined);
}

export function toStarterCategories(value: unknown): StarterCategoryDict[] {
  if (!Array.isArray(value)) return [];
  const out: StarterCategoryDict[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.label !== 'string') continue;
    out.push({ label: item.label, icon: str(item.icon) ?? null, starters: toStarters(item.starters) });
  }
  return out;
}

export function toChatProfile(value: unknown): ChatProfileDict | undefined {
  if (!isRecord(value)) return undefined;
  const name = str(value.name);
  if (name === undefined || name === '') return undefined;
  const starters = value.starters === undefined || value.starters === null ? null : toStarters(value.starters);
  return {
    name,
    display_name: str(value.display_name) ?? str(value.displayName) ?? null,
    markdown_description: str(value.markdown_description) ?? str(value.markdownDescription) ?? '',
    icon: str(value.icon) ?? null,
    default: value.default === true,
    starters,
  };
}

export function toChatProfiles(value: unknown): ChatProfileDict[] {
  if (!Array.isArray(value)) return [];
  return value.map(toChatProfile).filter((p): p is ChatProfileDict => p !== undefined);
}
