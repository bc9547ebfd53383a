import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config';
import { limitedBy } from './rate-limits';

/**
 * Slows password guessing two ways: attempts per client IP, and failures per email, which lock
 * that email for a while even against the right password. Unknown emails count exactly like
 * known ones, so neither the answer nor the lockout tells whether an account exists. Unlike the
 * request budgets these fail closed: a Redis failure refuses the login (retryable).
 */
export class LoginGuard {
  private readonly attempts: RateLimiterRedis;
  private readonly failures: RateLimiterRedis;

  constructor(
    redis: Redis,
    prefix: string,
    private readonly config: RateLimitConfig,
  ) {
    this.attempts = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:rl:login-ip`,
      points: config.loginPerIp,
      duration: config.windowSeconds,
    });
    this.failures = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:rl:login-failures`,
      points: config.loginFailures,
      duration: config.loginFailureWindowSeconds,
    });
  }

  /**
   * Before checking the password: refuses a busy IP or a locked email. The attempt is counted
   * as a failure up front, so parallel guesses cannot all get past the check before any fails.
   */
  async admit(email: string, clientIp: string): Promise<void> {
    await this.attempts.consume(clientIp).catch(rethrowLimit);
    const seen = await this.failures.penalty(emailKey(email));
    if (seen.consumedPoints > this.config.loginFailures) throw limitedBy(seen);
  }

  /** The Nth failure in the window locks the email for the whole lockout period. */
  async failed(email: string): Promise<void> {
    const key = emailKey(email);
    const seen = await this.failures.get(key);
    if (seen && seen.consumedPoints >= this.config.loginFailures) {
      await this.failures.block(key, this.config.loginLockoutSeconds);
    }
  }

  /**
   * Gives back the point `admit` took, for an attempt that was not a failure but not a sign-in
   * either (a right password still waiting for its TOTP code). Unlike `succeeded` it keeps the
   * failures counted so far: a known password must not reset the count against code guessing.
   */
  async refund(email: string): Promise<void> {
    await this.failures.reward(emailKey(email), 1);
  }

  /** A complete sign-in, or a platform admin's password reset, clears the count and the lock. */
  async succeeded(email: string): Promise<void> {
    await this.failures.delete(emailKey(email));
  }
}

/** Emails stay out of Redis: the key is a digest of the normalised address. */
function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

function rethrowLimit(rejection: unknown): never {
  if (rejection instanceof RateLimiterRes) throw limitedBy(rejection);
  throw rejection;
}
