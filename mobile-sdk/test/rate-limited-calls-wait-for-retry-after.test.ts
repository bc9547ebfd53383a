import { createHash, randomBytes } from 'node:crypto';
import { loadConfig } from '@cairn/server';
import { CairnApi } from '../src/core/api';
import { CairnError } from '../src/core/errors';
import type { RetryPolicy } from '../src/core/retry';
import { PrepareUploadDocument, ViewerDocument } from '../src/generated/operations';
import { FetchTransport } from '../src/node/fetch-transport';
import {
  createAccount,
  startRealServer,
  type Account,
  type RealServer,
} from './support/real-server';

// Backoff alone would give up within milliseconds: only waiting for Retry-After gets through.
const impatient: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('RATE_LIMITED answers', () => {
  let server: RealServer;
  let account: Account;

  beforeAll(async () => {
    server = await startRealServer({
      rateLimits: {
        ...loadConfig({}).rateLimits,
        graphqlPerCredential: 3,
        dataPlanePerDevice: 2,
        windowSeconds: 2,
      },
    });
    // The admin's first sign-in spends two calls of its budget enrolling TOTP, and the account
    // takes two more: the window must turn over between them.
    await server.adminToken();
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    account = await createAccount(server);
  }, 30_000);
  afterAll(() => server.stop());

  const deviceApi = (policy = impatient) =>
    new CairnApi(new FetchTransport(`${server.url}/graphql`), server.url, account.deviceToken, {
      ...policy,
    });

  it('make GraphQL calls and chunk uploads wait for Retry-After, then succeed', async () => {
    const api = deviceApi();
    const chunks = [1, 2, 3].map(() => {
      const body = randomBytes(500);
      const checksum = createHash('sha256').update(body).digest('hex');
      return { body, id: randomBytes(32).toString('hex'), checksum };
    });
    const { prepareUpload } = await api.request(PrepareUploadDocument, {
      chunks: chunks.map((c) => ({
        id: c.id,
        plainSize: '472',
        size: '500',
        checksum: c.checksum,
      })),
    });

    let started = Date.now();
    for (const [i, target] of prepareUpload.missing.entries()) {
      await api.putChunk(target.url, [chunks[i]!.body]);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    // Two calls left in this window (prepareUpload spent one); the fourth waits for the next.
    started = Date.now();
    for (let i = 0; i < 4; i++) {
      expect((await api.request(ViewerDocument, {})).viewer.kind).toBe('DEVICE');
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  }, 30_000);

  it('gives up at once when the server asks for a longer pause than the policy allows', async () => {
    const api = deviceApi({ ...impatient, attempts: 5, maxRetryAfterMs: 100 });
    const started = Date.now();
    const failure = await (async () => {
      for (let i = 0; i < 10; i++) await api.request(ViewerDocument, {});
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CairnError);
    expect((failure as CairnError).code).toBe('RATE_LIMITED');
    expect((failure as CairnError).details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeLessThan(900);
  }, 30_000);
});
