import type { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Failed-login throttling: at most `perUser` failures per username and `perIp` per client
 * address within `windowSeconds`; past that, logins are refused (429 + Retry-After) until
 * the window ends. A success clears the username's count. Counts live in this process.
 * The limiter library loads at the first login attempt, not at start-up.
 */
export interface LoginLimits {
  perUser: number;
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 5, perIp: 20, windowSeconds: 15 * 60 };

interface Limiters {
  byUser: RateLimiterMemory;
  byIp: RateLimiterMemory;
  Res: typeof RateLimiterRes;
}

export class LoginThrottle {
  private limiters?: Promise<Limiters>;

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  private load(): Promise<Limiters> {
    this.limiters ??= import('rate-limiter-flexible').then(({ RateLimiterMemory, RateLimiterRes }) => ({
      byUser: new RateLimiterMemory({ keyPrefix: 'login-user', points: this.limits.perUser, duration: this.limits.windowSeconds }),
      byIp: new RateLimiterMemory({ keyPrefix: 'login-ip', points: this.limits.perIp, duration: this.limits.windowSeconds }),
      Res: RateLimiterRes,
    }));
    return this.limiters;
  }

  /** Seconds to wait when this attempt must be refused, else 0. */
  async blockedFor(ip: string, username: string): Promise<number> {
    const { byUser, byIp } = await this.load();
    const [user, addr] = await Promise.all([byUser.get(userKey(username)), byIp.get(ip)]);
    let wait = 0;
    if (user && user.consumedPoints >= this.limits.perUser) wait = Math.max(wait, user.msBeforeNext);
    if (addr && addr.consumedPoints >= this.limits.perIp) wait = Math.max(wait, addr.msBeforeNext);
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  async failed(ip: string, username: string): Promise<void> {
    const { byUser, byIp, Res } = await this.load();
    await Promise.all([swallowLimit(byUser.consume(userKey(username)), Res), swallowLimit(byIp.consume(ip), Res)]);
  }

  async succeeded(username: string): Promise<void> {
    const { byUser } = await this.load();
    await byUser.delete(userKey(username));
  }
}

// Case-folded so "Alice" and "alice" share one budget.
function userKey(username: string): string {
  return username.trim().toLowerCase();
}

/** consume() rejects with a RateLimiterRes once over the limit; that is expected here. */
async function swallowLimit(p: Promise<RateLimiterRes>, Res: typeof RateLimiterRes): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof Res)) throw err;
  }
}
