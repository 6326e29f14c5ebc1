import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { migrateCommand } from '../../cli/commands/migrate.js';
import { createKnexDataLayer } from '../../runtime/data/knex/index.js';
import { MIGRATION_NAMES, MIGRATIONS_TABLE } from '../../runtime/data/migrations/index.js';
import { createLogger } from '../../runtime/log.js';
import { writeApp } from '../support/server.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const logger = createLogger({ silent: true });

async function run(manifest: string, options: { status?: boolean; env?: Record<string, string> } = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await migrateCommand(manifest, { ...options, env: options.env ?? {}, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('migrations and `chainlit-rt migrate`', function () {
  this.timeout(60_000);

  it('SQLite: status lists pending, migrate applies them once, then all is up to date', async () => {
    const app = writeApp({ 'chainlit.yaml': 'name: m\n' });
    const before = await run(app, { status: true });
    expect(before.code).to.equal(0);
    expect(before.out).to.include(`pending  ${MIGRATION_NAMES[0]}`);
    expect(existsSync(join(dirname(app), '.chainlit-rt', 'data.db'))).to.equal(true);
    const first = await run(app);
    expect(first.code, first.err.join('\n')).to.equal(0);
    expect(first.out.at(-1)).to.equal(`Applied ${MIGRATION_NAMES.length} migration${MIGRATION_NAMES.length === 1 ? '' : 's'}: ${MIGRATION_NAMES.join(', ')}`);
    expect((await run(app)).out.at(-1)).to.equal('Up to date: no migration to run.');
    const after = await run(app, { status: true });
    expect(after.out).to.include.members([...MIGRATION_NAMES.map((n) => `applied  ${n}`), 'Up to date.']);
  });

  it('a custom or disabled data layer is left alone, and says why', async () => {
    const disabled = await run(writeApp({ 'chainlit.yaml': 'data_layer:\n  enabled: false\n' }));
    expect(disabled).to.deep.include({ code: 0 });
    expect(disabled.out.join('\n')).to.match(/enabled is false/);
    const custom = await run(writeApp({ 'chainlit.yaml': 'data_layer:\n  module: ./store.ts\n', 'store.ts': 'export default {};\n' }));
    expect(custom.code).to.equal(0);
    expect(custom.out.join('\n')).to.match(/manages its own schema/);
  });

  it('an unreachable database: exit 1 with CRT_DATA_LAYER, the password masked', async () => {
    const res = await run(writeApp({ 'chainlit.yaml': 'name: m\n' }), { env: { DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/db' } });
    expect(res.code).to.equal(1);
    expect(res.err.join('\n')).to.match(/^CRT_DATA_LAYER: Could not migrate the database: .*ECONNREFUSED/);
    expect([...res.out, ...res.err].join('\n')).to.not.include('hunter2');
    expect(res.out.join('\n')).to.include('postgres://app:***@127.0.0.1:1/db');
  });

  describe('on PostgreSQL', () => {
    let database: TestDatabase;
    before(async function () {
      database = await createTestDatabase(this);
    });
    after(() => database?.drop());

    it('DATABASE_URL names the database; a second run finds nothing to do', async () => {
      const app = writeApp({ 'chainlit.yaml': 'name: m\n' });
      const first = await run(app, { env: { DATABASE_URL: database.url } });
      expect(first.code, first.err.join('\n')).to.equal(0);
      expect(first.out.at(-1)).to.match(/^Applied/);
      expect((await run(app, { env: { DATABASE_URL: database.url } })).out.at(-1)).to.equal('Up to date: no migration to run.');
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
        expect(tables.rows.map((r) => r.table_name)).to.include.members(['users', 'threads', 'steps', 'elements', 'feedbacks', MIGRATIONS_TABLE]);
        const types = await client.query<{ column_name: string; data_type: string }>(
          "SELECT column_name, data_type FROM information_schema.columns WHERE table_name IN ('threads', 'steps') AND column_name IN ('id', 'tags', 'metadata')",
        );
        expect(new Set(types.rows.map((r) => `${r.column_name}:${r.data_type}`))).to.deep.equal(new Set(['id:uuid', 'tags:ARRAY', 'metadata:jsonb']));
      } finally {
        await client.end();
      }
    });

    it('instances starting together migrate once: the others wait for the lock', async () => {
      const fresh = await createTestDatabase(this.ctx as Mocha.Context);
      try {
        const layers = await Promise.all([1, 2, 3].map(() => createKnexDataLayer({ url: fresh.url, storage: null, logger })));
        const statuses = await Promise.all(layers.map((l) => l.migrationStatus()));
        for (const status of statuses) expect(status).to.deep.equal({ applied: [...MIGRATION_NAMES], pending: [] });
        await Promise.all(layers.map((l) => l.close()));
      } finally {
        await fresh.drop();
      }
    });

    it('a database migrated by a newer version is refused with a clear message', async () => {
      const app = writeApp({ 'chainlit.yaml': 'name: m\n' });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, batch, migration_time) VALUES ('29990101_01_future', 2, now())`);
      await client.end();
      const res = await run(app, { env: { DATABASE_URL: database.url } });
      expect(res.code).to.equal(1);
      expect(res.err.join('\n')).to.match(/CRT_DATA_LAYER: The database was migrated by a newer chainlit-rt .*29990101_01_future/);
    });
  });
});
