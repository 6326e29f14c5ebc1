import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Failed-login throttling: at most `perUser` failures per username and `perIp` per client
 * address within `windowSeconds`; past that, logins are refused (429 + Retry-After) until
 * the window ends. A success clears the username's count. Counts live in this process.
 */
export interface LoginLimits {
  perUser: number;
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 5, perIp: 20, windowSeconds: 15 * 60 };

export class LoginThrottle {
  private readonly byUser: RateLimiterMemory;
  private readonly byIp: RateLimiterMemory;

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.byUser = new RateLimiterMemory({ keyPrefix: 'login-user', points: limits.perUser, duration: limits.windowSeconds });
    this.byIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: limits.perIp, duration: limits.windowSeconds });
  }

  /** Seconds to wait when this attempt must be refused, else 0. */
  async blockedFor(ip: string, username: string): Promise<number> {
    const [user, addr] = await Promise.all([this.byUser.get(userKey(username)), this.byIp.get(ip)]);
    let wait = 0;
    if (user && user.consumedPoints >= this.limits.perUser) wait = Math.max(wait, user.msBeforeNext);
    if (addr && addr.consumedPoints >= this.limits.perIp) wait = Math.max(wait, addr.msBeforeNext);
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  async failed(ip: string, username: string): Promise<void> {
    await Promise.all([swallowLimit(this.byUser.consume(userKey(username))), swallowLimit(this.byIp.consume(ip))]);
  }

  async succeeded(username: string): Promise<void> {
    await this.byUser.delete(userKey(username));
  }
}

// Case-folded so "Alice" and "alice" share one budget.
function userKey(username: string): string {
  return username.trim().toLowerCase();
}

/** consume() rejects with a RateLimiterRes once over the limit; that is expected here. */
async function swallowLimit(p: Promise<RateLimiterRes>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
  }
}
