import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config';
import { RateLimitedError } from '../errors';
import type { Logger } from '../logger';
import type { Actor } from './actor';

/**
 * Request budgets per credential, kept in Redis so every API node counts together. A budget that
 * runs out answers `RATE_LIMITED` with the seconds until it refills. If Redis itself fails, the
 * request goes through (logged): an outage of the counters must not stop every backup.
 */
export class RateLimits {
  private readonly graphqlCalls: RateLimiterRedis;
  private readonly anonymousCalls: RateLimiterRedis;
  private readonly dataPlaneCalls: RateLimiterRedis;

  constructor(
    redis: Redis,
    prefix: string,
    config: RateLimitConfig,
    private readonly log: Logger,
  ) {
    const budget = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:rl:${name}`,
        points,
        duration: config.windowSeconds,
      });
    this.graphqlCalls = budget('graphql', config.graphqlPerCredential);
    this.anonymousCalls = budget('anonymous', config.graphqlAnonymousPerIp);
    this.dataPlaneCalls = budget('data-plane', config.dataPlanePerDevice);
  }

  /** One GraphQL operation: counted per credential, or per client IP without one. */
  graphql(actor: Actor, clientIp: string): Promise<void> {
    const key = credentialKey(actor);
    return key
      ? this.spend(this.graphqlCalls, key)
      : this.spend(this.anonymousCalls, `ip:${clientIp}`);
  }

  /** One chunk request, counted per device (per user for downloads, which name no device). */
  dataPlane(subject: { deviceId?: string; userId: string }): Promise<void> {
    const key = subject.deviceId ? `device:${subject.deviceId}` : `user:${subject.userId}`;
    return this.spend(this.dataPlaneCalls, key);
  }

  private async spend(limiter: RateLimiterRedis, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw limitedBy(rejection);
      this.log.warn({ err: rejection, key }, 'rate limit store failed; request let through');
    }
  }
}

function credentialKey(actor: Actor): string | null {
  switch (actor.kind) {
    case 'ANONYMOUS':
      return null;
    case 'OPERATOR':
      return `operator:${actor.operatorId}`;
    case 'API_KEY':
      return `api-key:${actor.apiKeyId}`;
    case 'USER':
      return `user:${actor.userId}`;
    case 'DEVICE':
      return `device:${actor.deviceId}`;
  }
}

export function limitedBy(result: RateLimiterRes): RateLimitedError {
  return new RateLimitedError(Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
}
