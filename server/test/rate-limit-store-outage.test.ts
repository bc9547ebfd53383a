import { Redis } from 'ioredis';
import { LoginGuard } from '../src/auth/login-guard';
import { RateLimits } from '../src/auth/rate-limits';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';

/** What the budgets do when Redis cannot be reached: requests pass, logins do not. */
describe('rate limits without their Redis', () => {
  // Nothing listens on port 1; no offline queue, so every command fails at once.
  const unreachable = new Redis({
    port: 1,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  const config = { ...loadConfig({}).rateLimits, graphqlPerCredential: 1, dataPlanePerDevice: 1 };
  afterAll(() => unreachable.disconnect());

  it('lets GraphQL and chunk requests through rather than stopping every backup', async () => {
    const limits = new RateLimits(unreachable, 'outage', config, createLogger('silent'));
    const device = {
      kind: 'DEVICE' as const,
      deviceId: 'd',
      deviceName: 'Pixel',
      userId: 'u',
      tenantId: 't',
      tenantStatus: 'ACTIVE' as const,
    };
    for (let i = 0; i < 3; i++) {
      await expect(limits.graphql(device, '127.0.0.1')).resolves.toBeUndefined();
      await expect(limits.dataPlane({ deviceId: 'd', userId: 'u' })).resolves.toBeUndefined();
    }
  });

  it('refuses a login it cannot count, so a Redis outage opens no window for guessing', async () => {
    const guard = new LoginGuard(unreachable, 'outage', config);
    await expect(guard.admit('admin@cairn.test', '127.0.0.1')).rejects.toThrow();
  });
});
