import { redacted, summariseArguments } from '../src/audit/redact';
import { createTenantFixture, fakeChunk, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { testAdmin } from './support/env';
import { tracedGql } from './support/audit';
import { prepare, putChunk, tokenOf } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('no secret reaches the audit log', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  /** Every column of the request's rows as text, so nothing can hide in one we did not read. */
  const rowsOf = async (requestId: string) => {
    const { rows } = await server.services.pool.query<{ row: string }>(
      'select to_jsonb(a)::text as row from audit_event a where request_id = $1',
      [requestId],
    );
    expect(rows.length).toBeGreaterThan(0);
    return rows.map((r) => r.row).join('\n');
  };

  it('passwords and the session a login answers with', async () => {
    const login = await tracedGql<{ login: { token: string } }>(
      server.url,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: testAdmin.email, p: testAdmin.password },
    );
    const rows = await rowsOf(login.requestId);
    expect(rows).not.toContain(testAdmin.password);
    expect(rows).not.toContain(login.data!.login.token);
    expect(rows).toContain(redacted);
  });

  it('API key secrets, user tokens and device credentials in answers', async () => {
    const key = await tracedGql<{ createApiKey: { secret: string } }>(
      server.url,
      'mutation($t: ID!) { createApiKey(tenantId: $t, name: "ci", scopes: [USERS_WRITE]) { secret } }',
      { t: t.tenantId },
      t.adminToken,
    );
    const minted = await tracedGql<{ mintUserToken: { token: string } }>(
      server.url,
      'mutation { mintUserToken(externalId: "zoe") { token } }',
      {},
      t.apiKey,
    );
    const device = await tracedGql<{ registerDevice: { deviceToken: string } }>(
      server.url,
      'mutation { registerDevice(input: { name: "p", platform: "ios" }) { deviceToken } }',
      {},
      minted.data!.mintUserToken.token,
    );
    expect(await rowsOf(key.requestId)).not.toContain(key.data!.createApiKey.secret);
    expect(await rowsOf(minted.requestId)).not.toContain(minted.data!.mintUserToken.token);
    expect(await rowsOf(device.requestId)).not.toContain(device.data!.registerDevice.deviceToken);
  });

  it('a credential passed where a name was expected', async () => {
    const upsert = await tracedGql(
      server.url,
      'mutation($x: String!) { upsertEndUser(externalId: $x) { id } }',
      { x: t.apiKey },
      t.apiKey,
    );
    const rows = await rowsOf(upsert.requestId);
    expect(rows).not.toContain(t.apiKey);
    expect(rows).toContain(`"externalId": "${redacted}"`);
  });

  it("chunk bytes and chunk tokens stay out of the data plane's entries", async () => {
    const chunk = fakeChunk(5000);
    const [target] = await prepare(server.url, t.deviceToken, [chunk]);
    expect((await putChunk(server.url, target!.url, chunk.body)).status).toBe(201);
    await server.services.audit.flush();

    const { rows } = await server.services.pool.query<{ row: string }>(
      `select to_jsonb(a)::text as row from audit_event a
       where tenant_id = $1 and operation = 'chunk.put'`,
      [t.tenantId],
    );
    const text = rows.map((r) => r.row).join('\n');
    expect(text).toContain('"chunks": 1');
    expect(text).not.toContain(tokenOf(target!.url));
    for (const encoding of ['hex', 'base64'] as const) {
      expect(text).not.toContain(chunk.body.subarray(0, 32).toString(encoding));
    }
  });

  it('a session token, a refresh token and a TOTP code in any future mutation', async () => {
    // These arguments do not exist yet: the rules go by name and by value, not by mutation.
    expect(
      summariseArguments({
        code: '123456',
        totpCode: '654321',
        refreshToken: 'r-1',
        newPassword: 'pw',
        currentPassword: 'pw',
        recoveryKey: 'k',
        clientSecret: 's',
        input: { password: 'pw', name: 'ok' },
        note: (
          await gqlOk<{ login: { token: string } }>(
            server.url,
            'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
            { e: testAdmin.email, p: testAdmin.password },
          )
        ).login.token,
        apiKeyId: t.apiKeyId,
        fileIds: ['a', 'b'],
      }),
    ).toEqual({
      code: redacted,
      totpCode: redacted,
      refreshToken: redacted,
      newPassword: redacted,
      currentPassword: redacted,
      recoveryKey: redacted,
      clientSecret: redacted,
      input: { password: redacted, name: 'ok' },
      note: redacted,
      apiKeyId: t.apiKeyId,
      fileIds: ['a', 'b'],
    });
  });

  it('long lists and strings are cut so that a summary stays small', () => {
    const summary = summariseArguments({
      fileIds: Array.from({ length: 25 }, (_, i) => `f${i}`),
      path: 'x'.repeat(500),
    });
    expect(summary.fileIds).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `f${i}`),
      '… 15 more',
    ]);
    expect((summary.path as string).length).toBeLessThan(250);

    const huge = summariseArguments({
      inputs: Array.from({ length: 10 }, () => ({
        path: 'p'.repeat(300),
        chunks: Array.from({ length: 50 }, () => ({ id: 'c'.repeat(64), plainSize: '1' })),
      })),
    });
    expect(JSON.stringify(huge).length).toBeLessThanOrEqual(8192);
  });
});
