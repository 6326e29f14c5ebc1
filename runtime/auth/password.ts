import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes for manifest users: `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url
 * salt and hash). scrypt is in Node's crypto, memory-hard, and needs no native module.
 */
const DEFAULTS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
// Bounds on what a stored hash may ask for, so a hand-edited manifest cannot stall a login.
const MAX_N = 1 << 20;
export const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password, salt, keylen, { ...options, maxmem: 256 * (options.N ?? DEFAULTS.N) * (options.r ?? DEFAULTS.r) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, DEFAULTS);
  return `scrypt$${DEFAULTS.N}$${DEFAULTS.r}$${DEFAULTS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface Parsed { N: number; r: number; p: number; salt: Buffer; key: Buffer }

function parse(hash: string): Parsed | null {
  const m = HASH_PATTERN.exec(hash);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { N, r, p, salt: Buffer.from(m[4]!, 'base64url'), key: Buffer.from(m[5]!, 'base64url') };
}

// Compared against when the user does not exist, so "no such user" costs as much as "wrong password".
let decoy: Promise<string> | undefined;

/** True when `password` matches `hash`. `hash` undefined (unknown user) still does the work, then fails. */
export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const parsed = parse(hash ?? (await (decoy ??= hashPassword(randomBytes(16).toString('hex')))));
  if (!parsed || parsed.key.length === 0) return false;
  const key = await scrypt(password, parsed.salt, parsed.key.length, { N: parsed.N, r: parsed.r, p: parsed.p });
  return timingSafeEqual(key, parsed.key) && hash !== undefined;
}
