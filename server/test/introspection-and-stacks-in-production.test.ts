import { createTenantFixture, errorCode, gql } from './support/api';
import type { TenantFixture } from './support/api';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const schemaQuery = '{ __schema { queryType { name } } }';
const typeQuery = '{ __type(name: "Query") { name } }';

describe('introspection and error details with NODE_ENV=production', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer({ nodeEnv: 'production' });
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it('refuses introspection to devices, end users and anonymous callers', async () => {
    for (const token of [t.deviceToken, t.userToken, undefined]) {
      for (const query of [schemaQuery, typeQuery]) {
        const result = await gql(server.url, query, {}, token);
        expect(errorCode(result)).toBe('FORBIDDEN');
        expect(result.status).toBe(403);
        expect(result.data).toBeNull();
      }
    }
    const hidden = `query { viewer { kind } ...F } fragment F on Query { __schema { types { name } } }`;
    expect(errorCode(await gql(server.url, hidden, {}, t.deviceToken))).toBe('FORBIDDEN');
  });

  it('lets operators and API keys introspect', async () => {
    for (const token of [t.adminToken, t.apiKey]) {
      const result = await gql<{ __schema: { queryType: { name: string } } }>(
        server.url,
        schemaQuery,
        {},
        token,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.__schema.queryType.name).toBe('Query');
    }
  });

  it('answers every kind of error without a stack trace', async () => {
    const failures = [
      await gql(server.url, '{ noSuchField }', {}, t.deviceToken),
      await gql(server.url, '{ viewer { ', {}, t.deviceToken),
      await gql(server.url, '{ viewer { kind } }', {}, 'not-a-token'),
      await gql(
        server.url,
        '{ file(id: "00000000-0000-4000-8000-000000000000") { path } }',
        {},
        t.deviceToken,
      ),
      await gql(server.url, schemaQuery, {}, t.deviceToken),
    ];
    for (const result of failures) {
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|\.ts:\d+|at [A-Za-z]+ \(/);
    }
  });
});

describe('introspection outside production', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer({ nodeEnv: 'test' });
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it('is open to a device, so development tools work', async () => {
    const result = await gql(server.url, schemaQuery, {}, t.deviceToken);
    expect(result.errors).toBeUndefined();
  });
});
