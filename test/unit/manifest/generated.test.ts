import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { DOCS_FILE, renderDocs } from '../../../scripts/gen-manifest-docs.js';
import { TYPES_FILE, renderManifestTypes } from '../../../scripts/gen-types.js';
import { isObject, manifestSchema, validationSchema, type SchemaNode } from '../../../runtime/manifest/schema.js';
import { createManifestAjv } from '../../../runtime/manifest/ajv.js';

/** Every `properties` entry anywhere in the schema, with its path. */
function allProperties(node: unknown, path: string, out: [string, SchemaNode][] = []): [string, SchemaNode][] {
  if (Array.isArray(node)) node.forEach((n, i) => allProperties(n, `${path}/${i}`, out));
  if (!isObject(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isObject(value)) {
      for (const [name, child] of Object.entries(value)) {
        if (isObject(child)) out.push([`${path}/properties/${name}`, child]);
        allProperties(child, `${path}/properties/${name}`, out);
      }
    } else {
      allProperties(value, `${path}/${key}`, out);
    }
  }
  return out;
}

describe('manifest: schema and generated files', () => {
  it('types.gen.ts matches the schema (run `npx tsx scripts/gen-types.ts`)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8') === (await renderManifestTypes()), 'runtime/manifest/types.gen.ts is stale').to.equal(true);
  });

  it('docs/manifest.md matches the schema (run `npx tsx scripts/gen-manifest-docs.ts`)', () => {
    const current = readFileSync(DOCS_FILE, 'utf8');
    expect(renderDocs(current) === current, 'docs/manifest.md is stale').to.equal(true);
    expect(current).to.include('`features.spontaneous_file_upload.max_size_mb`');
  });

  it('describes every property (the docs are generated from descriptions)', () => {
    const missing = allProperties(manifestSchema(), '#')
      .filter(([, node]) => typeof node.description !== 'string' || node.description.length < 5)
      .map(([path]) => path);
    expect(missing).to.deep.equal([]);
  });

  it('compiles under strict ajv, and fields of generated types with defaults are required', async () => {
    expect(() => createManifestAjv().compile(validationSchema())).to.not.throw();
    const types = readFileSync(TYPES_FILE, 'utf8');
    for (const key of ['ui: UiConfig;', 'features: FeaturesConfig;', 'project: ProjectConfig;', 'server: ServerConfig;', 'session: SessionConfig;', 'cot: \'full\' | \'tool_call\' | \'hidden\';']) {
      expect(types).to.include(key);
    }
    expect(types).to.match(/export interface UiOverrides \{[^}]*cot\?: /);
  });
});
