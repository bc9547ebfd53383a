import { createTenantFixture, errorCode, fakeChunk, gql } from './support/api';
import type { TenantFixture } from './support/api';
import { commitBatch, commitInput, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

/** PostgreSQL text cannot hold NUL; such input is the caller's error, never a retryable fault. */
describe('NUL characters in text inputs', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it.each([
    ['upsertEndUser', 'mutation($s: String!) { upsertEndUser(externalId: $s) { id } }', 'apiKey'],
    [
      'login',
      'mutation($s: String!) { login(email: $s, password: "whatever-long") { token } }',
      'anyone',
    ],
    ['createTenant', 'mutation($s: String!) { createTenant(input: { name: $s }) { id } }', 'admin'],
  ])('%s answers BAD_USER_INPUT, not retryable', async (_name, query, who) => {
    const token = who === 'apiKey' ? t.apiKey : who === 'admin' ? t.adminToken : undefined;

    const result = await gql(server.url, query, { s: 'bo\u0000b' }, token);

    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.retryable).toBe(false);
    expect(result.errors?.[0]?.message).not.toMatch(/select|insert/i);
  });

  it('fails only the batch item that carries one', async () => {
    const good = fakeChunk();
    const other = fakeChunk();
    await upload(server.url, t.deviceToken, [good, other]);

    const outcomes = await commitBatch(server.url, t.deviceToken, [
      commitInput('nul/bad.bin', [other], { deviceAssetId: 'asset\u00001' }),
      commitInput('nul/good.bin', [good], { idempotencyKey: 'k-1' }),
    ]);

    expect(outcomes.map((o) => [o.path, o.error?.code ?? null, o.version !== null])).toEqual([
      ['nul/bad.bin', 'BAD_USER_INPUT', false],
      ['nul/good.bin', null, true],
    ]);
  });
});
