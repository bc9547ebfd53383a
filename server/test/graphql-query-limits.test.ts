import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { parse, specifiedRules, validate } from 'graphql';
import WebSocket from 'ws';
import { loadConfig, repoRoot } from '../src/config';
import { queryLimitRules } from '../src/graphql/query-limits';
import { buildSchema } from '../src/graphql/schema';
import { createTenantFixture, errorCode, gql } from './support/api';
import type { TenantFixture } from './support/api';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const defaults = loadConfig({}).graphqlLimits;
const limits = { maxDepth: 6, maxAliases: 10, maxCost: 60, maxTokens: 20_000 };

const aliased = (n: number, field = 'viewer { kind }') =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('GraphQL query limits', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer({ graphqlLimits: limits });
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it('refuses 2,000 aliases of a field before running any of them', async () => {
    const result = await gql(server.url, aliased(2000), {}, t.deviceToken);
    // A validation failure: had it executed, the answer would be 200 with data.
    expect(result.status).toBe(400);
    expect(result.data).toBeNull();
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/Aliases limit of 10 exceeded/);
  });

  it('refuses thousands of nested brackets before parsing them, without a stack trace', async () => {
    let selection = 'id';
    for (let i = 0; i < 3300; i++) selection = `x { ${selection} }`;
    const deepList = `{ fileByPath(path: ${'['.repeat(3000)}"a"${']'.repeat(3000)}) { id } }`;
    for (const query of [`{ viewer { ${selection} } }`, deepList]) {
      for (const token of [undefined, t.deviceToken]) {
        const result = await gql(server.url, query, {}, token);
        expect(result.status).toBe(400);
        expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
        expect(result.errors?.[0]?.message).toMatch(/nests deeper than 64 brackets/);
        expect(JSON.stringify(result.errors)).not.toMatch(/stack|Maximum call/);
      }
    }
  });

  it('counts no brackets inside strings and comments', async () => {
    const inside = `${'{'.repeat(200)}[(`;
    const block = '"""';
    const query =
      `# ${inside}\n{ a: fileByPath(path: "${inside}\\"") { id } ` +
      `b: fileByPath(path: ${block}${inside}${block}) { id } }`;
    const result = await gql(server.url, query, {}, t.deviceToken);
    expect(result.errors).toBeUndefined();
  });

  it('lets aliases up to the limit through', async () => {
    const result = await gql(server.url, aliased(10), {}, t.deviceToken);
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data ?? {})).toHaveLength(10);
  });

  it('refuses a query deeper than the limit, also through fragments', async () => {
    const deep = `{ files { items { head { file { head { file { path } } } } } } }`;
    const result = await gql(server.url, deep, {}, t.deviceToken);
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/depth limit of 6 exceeded/);

    const viaFragment = `query { files { ...F } }
      fragment F on FilePage { items { head { file { head { file { path } } } } } }`;
    expect(errorCode(await gql(server.url, viaFragment, {}, t.deviceToken))).toBe(
      'QUERY_TOO_COMPLEX',
    );
  });

  it('refuses a query whose cost is over the limit without aliases', async () => {
    // Many distinct fields, each cheap, none aliased: only the cost rule sees the total.
    const fields = 'id name status conflictPolicy createdAt userCount';
    const costly = `{ tenants { items { ${fields} } }
      operators { items { id email role tenantId createdAt } }
      endUsers { items { id externalId tenantId createdAt deviceCount fileCount storedBytes } }
      devices { items { id name platform tenantId userId createdAt lastSeenAt revokedAt } }
      apiKeys(tenantId: "${t.tenantId}") { items { id name prefix tenantId createdAt } } }`;
    const result = await gql(server.url, costly, {}, t.adminToken);
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/Cost limit of 60 exceeded/);
  });

  it('refuses a document with more tokens than the limit before parsing it whole', async () => {
    const huge = `{ viewer { ${'kind '.repeat(30_000)} } }`;
    const result = await gql(server.url, huge, {}, t.deviceToken);
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/more than 20000 tokens/);
  });

  it('applies the same limits to operations over graphql-ws', async () => {
    const client = createClient({
      url: server.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.deviceToken}` },
      retryAttempts: 0,
    });
    try {
      const answer = await client
        .iterate({ query: aliased(50) })
        .next()
        .then(
          (step) => step.value as unknown,
          (errors: unknown) => ({ errors }),
        );
      expect(JSON.stringify(answer)).toContain('QUERY_TOO_COMPLEX');
      const deep = await client
        .iterate({ query: `{ viewer { ${'x { '.repeat(3000)}id${' }'.repeat(3000)} } }` })
        .next()
        .then(
          (step) => step.value as unknown,
          (errors: unknown) => ({ errors }),
        );
      expect(JSON.stringify(deep)).toMatch(/nests deeper than 64 brackets/);
      const ok = await client.iterate({ query: aliased(2) }).next();
      expect(JSON.stringify(ok.value)).toContain('"a1":{"kind":"DEVICE"}');
    } finally {
      await client.dispose();
    }
  });
});

describe('the default limits', () => {
  const schema = buildSchema();
  const rules = [...specifiedRules, ...queryLimitRules(defaults)];
  const documents = (folder: string) =>
    readdirSync(path.join(repoRoot, folder))
      .filter((name) => name.endsWith('.graphql'))
      .map((name) => readFileSync(path.join(repoRoot, folder, name), 'utf8'))
      .join('\n');

  it.each(['mobile-sdk/src/graphql', 'console/src/graphql'])(
    'pass every operation in %s',
    (folder) => {
      const document = parse(documents(folder), { maxTokens: defaults.maxTokens });
      expect(validate(schema, document, rules).map((e) => e.message)).toEqual([]);
    },
  );
});
