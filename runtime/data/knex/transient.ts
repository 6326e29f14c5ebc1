/** Network failures: the database may be back later. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * SQLSTATE classes and codes of PostgreSQL that mean "not now": connection exceptions
 * (08…), shutdown and startup (57P01–57P03), too many connections (53300), and
 * serialisation or deadlock failures (40001, 40P01), which a retry resolves.
 */
const PG_TRANSIENT = /^(08|57P0[1-3]$|53300$|40001$|40P01$)/;

/** SQLite: busy or locked by another process, or the disk full or failing for now. */
const SQLITE_TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN)/;

const MESSAGES = /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Knex: Timeout acquiring a connection|Connection ended unexpectedly|the database system is (starting up|shutting down)/i;

/**
 * Whether an error from the SQL layer means the database is unreachable for now (keep the
 * write and retry), as opposed to a write the database refuses (log it and go on).
 */
export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'CRT_DATA_UNAVAILABLE') return true;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_TRANSIENT.test(code) || SQLITE_TRANSIENT.test(code))) return true;
    if (e.name === 'KnexTimeoutError' || MESSAGES.test(e.message)) return true;
    const nested = (e as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.some((n) => isTransientDbError(n))) return true;
  }
  return false;
}
