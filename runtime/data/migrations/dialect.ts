import type { Knex } from 'knex';

/** Which of the two supported SQL dialects a knex instance speaks. */
export function dialectOf(knex: Knex): 'sqlite' | 'postgres' {
  const name = (knex.client as { dialect?: string }).dialect ?? '';
  return name === 'postgresql' || name === 'postgres' ? 'postgres' : 'sqlite';
}
