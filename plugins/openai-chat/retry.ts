import { setTimeout as delay } from 'node:timers/promises';
import OpenAI from 'openai';
import type { RetryOptions } from './options.js';

/**
 * How long the server asked us to wait, in ms: `retry-after-ms`, then `retry-after` as
 * seconds or as an HTTP date. Undefined when it did not say.
 */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Raised when rate limits outlasted the retries; carries the last 429. */
export class RateLimitExhausted extends Error {
  constructor(readonly attempts: number, readonly last: InstanceType<typeof OpenAI.RateLimitError>, readonly waitMs: number | undefined) {
    super(`rate limited ${attempts} time(s)`);
  }
}

/**
 * Runs `request`, retrying on 429 with exponential backoff (initial_delay_ms × 2ⁿ, capped
 * at max_delay_ms) or the server's retry-after when it gives one. A retry-after longer than
 * max_delay_ms ends the retries at once: waiting less would only be refused again. The
 * wait ends early when `signal` aborts (the user pressed stop).
 */
export async function withRateLimitRetry<T>(request: () => Promise<T>, retry: RetryOptions, signal: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (err) {
      if (!(err instanceof OpenAI.RateLimitError)) throw err;
      const asked = retryAfterMs(err.headers);
      const wait = asked ?? Math.min(retry.max_delay_ms, retry.initial_delay_ms * 2 ** attempt);
      if (attempt >= retry.max_retries || wait > retry.max_delay_ms) throw new RateLimitExhausted(attempt + 1, err, asked);
      await delay(wait, undefined, { signal });
    }
  }
}
