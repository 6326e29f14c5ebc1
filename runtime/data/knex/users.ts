import { randomUUID } from 'node:crypto';
import { ChainlitRtError } from '../../errors.js';
import type { PersistedUserDict, UserDict } from '../../wire.js';
import { jsonIn, jsonOut, nowIso, type Db, type Row } from './db.js';

function userDict(row: Row): PersistedUserDict {
  return {
    id: String(row.id),
    identifier: String(row.identifier),
    metadata: jsonOut<Record<string, unknown>>(row.metadata) ?? {},
    createdAt: String(row.createdAt ?? ''),
  };
}

export async function getUser(db: Db, identifier: string): Promise<PersistedUserDict | null> {
  const row = (await db.knex('users').where({ identifier }).first()) as Row | undefined;
  return row ? userDict(row) : null;
}

/** Creates the user, or overwrites its metadata (Chainlit refreshes it on every login). */
export async function createUser(db: Db, user: UserDict): Promise<PersistedUserDict | null> {
  if (typeof user.identifier !== 'string' || user.identifier === '') {
    throw new ChainlitRtError('CRT_DATA_LAYER', 'A user needs a non-empty identifier.', { expose: true, status: 400 });
  }
  await db.knex('users')
    .insert({ id: randomUUID(), identifier: user.identifier, metadata: jsonIn(user.metadata ?? {}), createdAt: nowIso() })
    .onConflict('identifier')
    .merge(['metadata']);
  return getUser(db, user.identifier);
}
