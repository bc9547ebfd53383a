import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTenantFixture, errorCode, fakeChunk, gqlOk, randomName } from './support/api';
import type { TenantFixture } from './support/api';
import type { AuditEventView } from './support/audit';
import { auditEvents, eventsOfRequest, tracedGql } from './support/audit';
import { commitFields, commitInput } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('a refused mutation is still an audit event, with the code it was refused with', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const eventsOf = (requestId: string) => eventsOfRequest(server.url, t.adminToken, requestId);
  const only = async (requestId: string): Promise<AuditEventView> => {
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    return events[0]!;
  };

  it('a failed operator login, without the password', async () => {
    const password = `wrong-${randomName('pw')}`;
    const login = await tracedGql(
      server.url,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: 'nobody@cairn.test', p: password },
    );
    expect(errorCode(login)).toBe('UNAUTHENTICATED');

    const event = await only(login.requestId);
    expect(event).toMatchObject({
      tenantId: null,
      actorKind: 'ANONYMOUS',
      actorId: null,
      operation: 'login',
      targets: [],
      outcome: 'UNAUTHENTICATED',
    });
    expect(JSON.parse(event.arguments)).toEqual({
      email: 'nobody@cairn.test',
      password: '[REDACTED]',
    });
    expect(JSON.stringify(event)).not.toContain(password);
  });

  it('an API key calling an operator-only mutation is FORBIDDEN', async () => {
    const created = await tracedGql(
      server.url,
      'mutation($t: ID!) { createApiKey(tenantId: $t, name: "sneaky", scopes: [USERS_READ]) { secret } }',
      { t: t.tenantId },
      t.apiKey,
    );
    expect(errorCode(created)).toBe('FORBIDDEN');
    expect(await only(created.requestId)).toMatchObject({
      tenantId: t.tenantId,
      actorKind: 'API_KEY',
      actorId: t.apiKeyId,
      operation: 'createApiKey',
      targets: [{ kind: 'Tenant', id: t.tenantId }],
      outcome: 'FORBIDDEN',
    });
  });

  it('no credential at all is UNAUTHENTICATED; bad input is BAD_USER_INPUT', async () => {
    const anonymous = await tracedGql(
      server.url,
      'mutation($id: ID!) { revokeDevice(id: $id) { id } }',
      { id: t.deviceId },
    );
    const badName = await tracedGql(
      server.url,
      'mutation { createTenant(input: { name: "   " }) { id } }',
      {},
      t.adminToken,
    );
    expect(await only(anonymous.requestId)).toMatchObject({
      actorKind: 'ANONYMOUS',
      operation: 'revokeDevice',
      targets: [{ kind: 'Device', id: t.deviceId }],
      outcome: 'UNAUTHENTICATED',
    });
    expect(await only(badName.requestId)).toMatchObject({
      tenantId: null,
      actorKind: 'OPERATOR',
      operation: 'createTenant',
      outcome: 'BAD_USER_INPUT',
    });
  });

  it('a credential refused before any field runs', async () => {
    const forged = await tracedGql(
      server.url,
      'mutation { upsertEndUser(externalId: "mallory") { id } }',
      {},
      'ck_00000000-0000-4000-8000-000000000000_' + 'ab'.repeat(32),
    );
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
    const event = await only(forged.requestId);
    expect(event).toMatchObject({
      tenantId: null,
      actorKind: 'ANONYMOUS',
      operation: 'upsertEndUser',
      outcome: 'UNAUTHENTICATED',
    });
    expect(JSON.parse(event.arguments)).toEqual({ externalId: 'mallory' });
  });

  it("a read-only tenant's device is refused by the operation guard", async () => {
    const own = await createTenantFixture(server.url);
    await gqlOk(
      server.url,
      'mutation($id: ID!) { setTenantStatus(id: $id, status: READ_ONLY) { id } }',
      { id: own.tenantId },
      own.adminToken,
    );
    const commit = await tracedGql(
      server.url,
      `mutation($i: CommitVersionInput!) { commitVersion(input: $i) { ${commitFields} } }`,
      { i: commitInput('Camera/late.jpg', [fakeChunk()]) },
      own.deviceToken,
    );
    expect(errorCode(commit)).toBe('FORBIDDEN');

    const [event] = await eventsOfRequest(server.url, own.adminToken, commit.requestId);
    expect(event).toMatchObject({
      tenantId: own.tenantId,
      actorKind: 'DEVICE',
      actorId: own.deviceId,
      operation: 'commitVersion',
      outcome: 'FORBIDDEN',
    });
    expect(JSON.parse(event!.arguments)).toMatchObject({ input: { path: 'Camera/late.jpg' } });
  });

  it('variables that do not coerce, and a document that does not validate', async () => {
    const badSize = await tracedGql(
      server.url,
      'mutation($c: [ChunkDeclaration!]!) { prepareUpload(chunks: $c) { missing { chunkId } } }',
      { c: [{ id: 'x', plainSize: 'huge', size: '1', checksum: 'y' }] },
      t.deviceToken,
    );
    const unknownArgument = await tracedGql(
      server.url,
      'mutation { upsertEndUser(externalId: "eve", admin: true) { id } }',
      {},
      t.apiKey,
    );
    expect(errorCode(badSize)).toBe('BAD_USER_INPUT');
    expect(errorCode(unknownArgument)).toBe('BAD_USER_INPUT');
    expect(await only(badSize.requestId)).toMatchObject({
      tenantId: t.tenantId,
      actorKind: 'DEVICE',
      operation: 'prepareUpload',
      outcome: 'BAD_USER_INPUT',
      arguments: '{}',
    });
    expect(await only(unknownArgument.requestId)).toMatchObject({
      actorKind: 'API_KEY',
      operation: 'upsertEndUser',
      outcome: 'BAD_USER_INPUT',
    });
  });

  it('each field of a mutation with several is its own event, by field name', async () => {
    const both = await tracedGql(
      server.url,
      `mutation { first: upsertEndUser(externalId: "ann") { id }
                  second: upsertEndUser(externalId: "ben") { id } }`,
      {},
      t.apiKey,
    );
    // Newest first: the second field ran last.
    const events = await eventsOf(both.requestId);
    expect(events.map((e) => [e.operation, JSON.parse(e.arguments) as unknown])).toEqual([
      ['upsertEndUser', { externalId: 'ben' }],
      ['upsertEndUser', { externalId: 'ann' }],
    ]);
  });

  it('mutations over graphql-ws are audited too, refused ones included', async () => {
    const externalId = randomName('ws-user');
    const run = async (token: string, query: string) => {
      const client = createClient({
        url: server.url.replace('http', 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
      try {
        const step = await client.iterate({ query, variables: { x: externalId } }).next();
        return step.value as { errors?: { extensions?: { code?: string } }[] };
      } finally {
        await client.dispose();
      }
    };
    const ok = await run(
      t.apiKey,
      'mutation($x: String!) { upsertEndUser(externalId: $x) { id } }',
    );
    const refused = await run(
      t.deviceToken,
      'mutation($x: String!) { upsertEndUser(externalId: $x) { id } }',
    );
    expect(ok.errors).toBeUndefined();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const { items } = await auditEvents(server.url, t.adminToken, {
      tenantId: t.tenantId,
      operation: 'upsertEndUser',
    });
    const mine = items.filter((e) => e.arguments.includes(externalId));
    expect(mine.map((e) => [e.actorKind, e.outcome]).sort()).toEqual([
      ['API_KEY', 'OK'],
      ['DEVICE', 'FORBIDDEN'],
    ]);
  });

  it('queries are not audited', async () => {
    const read = await tracedGql(server.url, '{ endUsers { total } }', {}, t.apiKey);
    expect(read.errors).toBeUndefined();
    const refused = await tracedGql(server.url, '{ endUsers { total } }', {}, t.deviceToken);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(await eventsOf(read.requestId)).toEqual([]);
    expect(await eventsOf(refused.requestId)).toEqual([]);
  });
});
