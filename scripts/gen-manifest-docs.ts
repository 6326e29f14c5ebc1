/**
 * Regenerates the reference part of docs/manifest.md (between the GENERATED markers) from
 * the descriptions in schemas/manifest.schema.json; the hand-written text around it stays.
 *   npx tsx scripts/gen-manifest-docs.ts          write
 *   npx tsx scripts/gen-manifest-docs.ts --check  exit 1 when stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UNAVAILABLE_KEYS, comesWith } from '../runtime/manifest/availability.js';
import { deref, isObject, manifestSchema, type SchemaNode } from '../runtime/manifest/schema.js';

export const DOCS_FILE = fileURLToPath(new URL('../docs/manifest.md', import.meta.url));
export const BEGIN = '<!-- BEGIN GENERATED: scripts/gen-manifest-docs.ts -->';
export const END = '<!-- END GENERATED -->';

interface Row { key: string; type: string; def: string; text: string; visible: boolean }

function title(root: SchemaNode, ref: string): string {
  const name = ref.split('/').pop() ?? ref;
  const node = deref(root, { $ref: ref });
  return typeof node.title === 'string' ? node.title : name;
}

const anchor = (text: string): string => text.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');

function typeOf(root: SchemaNode, node: SchemaNode): string {
  if (typeof node.$ref === 'string') {
    const name = title(root, node.$ref);
    return node.$ref.startsWith('#/definitions/') ? `[${name}](#${anchor(name)})` : name;
  }
  if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  const alts = (node.anyOf ?? node.oneOf) as unknown;
  if (Array.isArray(alts) && alts.every(isObject) && alts.some((a) => a.type || a.$ref)) return alts.map((a) => typeOf(root, a)).join(' or ');
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types.map((t) => {
    if (t === 'array') return `list of ${isObject(node.items) ? typeOf(root, node.items) : 'any'}`;
    if (t === 'object' && isObject(node.additionalProperties)) return `map of ${typeOf(root, node.additionalProperties)}`;
    if (t === 'object') return 'mapping';
    return String(t ?? 'any');
  }).join(' or ');
}

function rows(root: SchemaNode, node: SchemaNode, prefix: string, inherited: boolean): Row[] {
  const props = node.properties;
  if (!isObject(props)) return [];
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  return Object.entries(props).flatMap(([key, raw]) => {
    if (!isObject(raw)) return [];
    const path = prefix ? `${prefix}.${key}` : key;
    const visible = inherited || raw.clientVisible === true;
    const envDefault = typeof raw.envDefault === 'string' ? ` (env \`${raw.envDefault}\`)` : '';
    const fromKey = isObject(node.defaultsFrom) && typeof node.defaultsFrom[key] === 'string' ? `\`${String(node.defaultsFrom[key]).slice(1)}\`` : '';
    const def = raw.default !== undefined && !(isObject(raw.default) && Object.keys(raw.default).length === 0)
      ? `\`${JSON.stringify(raw.default)}\`${envDefault}` : fromKey || (required.has(key) ? '**required**' : envDefault.trim());
    const nested = raw.type === 'object' && isObject(raw.properties) && !raw.$ref;
    const row: Row = { key: `\`${path}\``, type: nested ? 'mapping' : typeOf(root, raw), def, text: String(raw.description ?? '') + availability(path), visible };
    return nested ? [row, ...rows(root, raw, path, visible)] : [row];
  });
}

/** "Not available yet" for a key this version refuses (runtime/manifest/availability.ts), so the reference never promises it. */
function availability(path: string): string {
  const entry = UNAVAILABLE_KEYS.find((e) => e.key === path);
  if (!entry) return '';
  const issue = comesWith(entry.issue);
  if (entry.value !== undefined) return ` \`${entry.value}\` is **not available yet** (${issue}) and is refused with \`CRT_NOT_AVAILABLE\`.`;
  const what = entry.off !== undefined ? `any value but \`${JSON.stringify(entry.off)}\`` : 'setting it';
  return ` **Not available yet** (${issue}): ${what} is refused with \`CRT_NOT_AVAILABLE\`.`;
}

function table(list: Row[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\\\\\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| key | type | default | browser | description |', '|---|---|---|---|---|'];
  for (const r of list) lines.push(`| ${r.key} | ${r.type} | ${r.def} | ${r.visible ? 'yes' : ''} | ${esc(r.text)} |`);
  return lines.join('\n');
}

export function renderReference(): string {
  const root = manifestSchema();
  const out: string[] = ['## Reference', '', 'Generated from `schemas/manifest.schema.json`. *browser*: the key may be sent to the web UI; every other key stays on the server.', ''];
  for (const [key, raw] of Object.entries(root.properties as Record<string, SchemaNode>)) {
    out.push(`### \`${key}\``, '');
    if (raw.type === 'object' && isObject(raw.properties)) {
      out.push(String(raw.description ?? ''), '', table(rows(root, raw, key, raw.clientVisible === true)), '');
    } else {
      out.push(table(rows(root, { properties: { [key]: raw } }, '', false)), '');
    }
  }
  out.push('## Definitions', '');
  for (const [name, raw] of Object.entries(root.definitions as Record<string, SchemaNode>)) {
    out.push(`### ${typeof raw.title === 'string' ? raw.title : name}`, '', String(raw.description ?? `Shape of \`${name}\`.`), '');
    const alts = (raw.oneOf ?? raw.anyOf) as unknown;
    if (Array.isArray(alts) && !isObject(raw.properties)) {
      out.push(`One of: ${alts.map((a) => typeOf(root, a as SchemaNode)).join(', ')}.`, '');
      for (const alt of alts) if (isObject(alt) && isObject(alt.properties)) out.push(table(rows(root, alt, '', raw.clientVisible === true)), '');
    }
    else if (Array.isArray(alts)) out.push(`Selected by \`type\`: ${alts.map((a) => typeOf(root, a as SchemaNode)).join(', ')}.`, '');
    if (isObject(raw.properties) && !raw.discriminator) out.push(table(rows(root, raw, '', raw.clientVisible === true)), '');
  }
  return out.join('\n').trimEnd() + '\n';
}

export function renderDocs(current: string): string {
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOCS_FILE} lacks the ${BEGIN} / ${END} markers`);
  return `${current.slice(0, start + BEGIN.length)}\n${renderReference()}${current.slice(end)}`;
}

function main(): void {
  const current = readFileSync(DOCS_FILE, 'utf8');
  const next = renderDocs(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`${DOCS_FILE} is stale: run npx tsx scripts/gen-manifest-docs.ts`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(DOCS_FILE, next);
  console.log(`wrote ${DOCS_FILE}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
