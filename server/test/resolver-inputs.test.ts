import { randomUUID } from 'node:crypto';
import { Limits } from '@cairn/schema';
import { createTenantFixture, errorCode, fakeChunk, gql, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

type Who = 'none' | 'admin' | 'apiKey' | 'user' | 'device';

const unknownId = '00000000-0000-4000-8000-000000000000';
const declaration = (change: Record<string, unknown>) => {
  const { id, plainSize, size, checksum } = fakeChunk();
  return { id, plainSize, size, checksum, ...change };
};

/** [resolver, who calls, query, variables, expected code] — one row per refused input. */
const cases: [string, Who, string, Record<string, unknown>, string][] = [
  ['viewer', 'none', '{ viewer { kind } }', {}, 'UNAUTHENTICATED'],
  ['login', 'none', 'mutation { login(email: "", password: "") { token } }', {}, 'UNAUTHENTICATED'],
  [
    'createTenant',
    'admin',
    'mutation { createTenant(input: { name: "  " }) { id } }',
    {},
    'BAD_USER_INPUT',
  ],
  [
    'createTenant',
    'admin',
    'mutation { createTenant(input: { name: "x", conflictPolicy: MERGE }) { id } }',
    {},
    'BAD_USER_INPUT',
  ],
  [
    'createApiKey',
    'admin',
    'mutation { createApiKey(tenantId: "nope", name: "k", scopes: [USERS_READ]) { secret } }',
    {},
    'BAD_USER_INPUT',
  ],
  [
    'createApiKey',
    'admin',
    `mutation { createApiKey(tenantId: "${unknownId}", name: "k", scopes: [USERS_READ]) { secret } }`,
    {},
    'NOT_FOUND',
  ],
  [
    'createApiKey',
    'admin',
    'mutation($t: ID!) { createApiKey(tenantId: $t, name: "", scopes: [USERS_READ]) { secret } }',
    { t: 'TENANT' },
    'BAD_USER_INPUT',
  ],
  ['revokeApiKey', 'admin', 'mutation { revokeApiKey(id: "nope") { id } }', {}, 'BAD_USER_INPUT'],
  [
    'revokeApiKey',
    'admin',
    `mutation { revokeApiKey(id: "${unknownId}") { id } }`,
    {},
    'NOT_FOUND',
  ],
  [
    'upsertEndUser',
    'apiKey',
    'mutation { upsertEndUser(externalId: "") { id } }',
    {},
    'BAD_USER_INPUT',
  ],
  [
    'upsertEndUser',
    'apiKey',
    'mutation { upsertEndUser(externalId: " padded") { id } }',
    {},
    'BAD_USER_INPUT',
  ],
  [
    'mintUserToken',
    'apiKey',
    'mutation { mintUserToken(externalId: "a", ttlSeconds: 0) { token } }',
    {},
    'BAD_USER_INPUT',
  ],
  [
    'mintUserToken',
    'apiKey',
    `mutation { mintUserToken(externalId: "${'x'.repeat(300)}") { token } }`,
    {},
    'BAD_USER_INPUT',
  ],
  [
    'registerDevice',
    'user',
    'mutation { registerDevice(input: { name: "", platform: "ios" }) { deviceToken } }',
    {},
    'BAD_USER_INPUT',
  ],
  [
    'registerDevice',
    'user',
    'mutation { registerDevice(input: { name: "a", platform: " " }) { deviceToken } }',
    {},
    'BAD_USER_INPUT',
  ],
  ['revokeDevice', 'apiKey', 'mutation { revokeDevice(id: "nope") { id } }', {}, 'BAD_USER_INPUT'],
  [
    'revokeDevice',
    'apiKey',
    `mutation { revokeDevice(id: "${unknownId}") { id } }`,
    {},
    'NOT_FOUND',
  ],
  ...(
    [
      ['a bad chunk id', { id: 'ABC' }],
      ['a bad checksum', { checksum: 'xyz' }],
      ['a zero plainSize', { plainSize: '0' }],
      ['a plainSize over the chunk maximum', { plainSize: String(Limits.chunkMaxBytes + 1) }],
      ['a negative size', { size: '-1' }],
      ['a size over 2^53', { size: '9007199254740993' }],
      ['a non-numeric size', { size: '12kb' }],
    ] as const
  ).map(([, change]): [string, Who, string, Record<string, unknown>, string] => [
    'prepareUpload',
    'device',
    'mutation($c: [ChunkDeclaration!]!) { prepareUpload(chunks: $c) { missing { url } } }',
    { c: [declaration(change)] },
    'BAD_USER_INPUT',
  ]),
  [
    'prepareUpload',
    'device',
    'mutation($c: [ChunkDeclaration!]!) { prepareUpload(chunks: $c) { missing { url } } }',
    { c: Array.from({ length: Limits.maxChunksPerPrepare + 1 }, () => declaration({})) },
    'BAD_USER_INPUT',
  ],
  [
    'commitVersions',
    'device',
    'mutation($i: [CommitVersionInput!]!) { commitVersions(inputs: $i) { path } }',
    {
      i: Array.from({ length: Limits.maxCommitsPerBatch + 1 }, (_, n) => ({
        path: `a/${n}`,
        size: '0',
        contentHash: 'a'.repeat(64),
        chunks: [],
      })),
    },
    'BAD_USER_INPUT',
  ],
  ['tenants', 'admin', '{ tenants(limit: 0) { total } }', {}, 'BAD_USER_INPUT'],
  ['tenants', 'admin', '{ tenants(offset: -1) { total } }', {}, 'BAD_USER_INPUT'],
  ['tenant', 'admin', '{ tenant(id: "nope") { id } }', {}, 'BAD_USER_INPUT'],
  ['tenant', 'admin', `{ tenant(id: "${unknownId}") { id } }`, {}, 'NOT_FOUND'],
  ['operators', 'admin', '{ operators(tenantId: "nope") { total } }', {}, 'BAD_USER_INPUT'],
  ['operators', 'apiKey', '{ operators { total } }', {}, 'FORBIDDEN'],
  ['apiKeys', 'admin', '{ apiKeys(tenantId: "nope") { total } }', {}, 'BAD_USER_INPUT'],
  ['endUsers', 'admin', '{ endUsers(limit: 100000) { total } }', {}, 'BAD_USER_INPUT'],
  ['endUser', 'admin', '{ endUser(id: "nope") { id } }', {}, 'BAD_USER_INPUT'],
  ['endUser', 'admin', `{ endUser(id: "${unknownId}") { id } }`, {}, 'NOT_FOUND'],
  ['devices', 'admin', '{ devices(userId: "nope") { total } }', {}, 'BAD_USER_INPUT'],
  ['devices', 'admin', `{ devices(userId: "${unknownId}") { total } }`, {}, 'NOT_FOUND'],
  ['device', 'admin', `{ device(id: "${unknownId}") { id } }`, {}, 'NOT_FOUND'],
  ['files', 'admin', '{ files { total } }', {}, 'BAD_USER_INPUT'],
  ['files', 'device', '{ files(pathPrefix: "a\\u0000") { total } }', {}, 'BAD_USER_INPUT'],
  ['files', 'device', '{ files(limit: 0) { total } }', {}, 'BAD_USER_INPUT'],
  ['file', 'device', '{ file(id: "nope") { id } }', {}, 'BAD_USER_INPUT'],
  ['file', 'device', `{ file(id: "${unknownId}") { id } }`, {}, 'NOT_FOUND'],
  ['fileByPath', 'device', '{ fileByPath(path: "a/../b") { id } }', {}, 'INVALID_PATH'],
  ['fileByPath', 'admin', '{ fileByPath(path: "a") { id } }', {}, 'FORBIDDEN'],
  ['versions', 'device', `{ versions(fileId: "${unknownId}") { total } }`, {}, 'NOT_FOUND'],
  ['version', 'device', `{ version(id: "${unknownId}") { id } }`, {}, 'NOT_FOUND'],
  ['restorePlan', 'device', `{ restorePlan(versionId: "${unknownId}") { path } }`, {}, 'NOT_FOUND'],
  ['restorePlan', 'admin', `{ restorePlan(versionId: "${unknownId}") { path } }`, {}, 'FORBIDDEN'],
  ['userKey', 'user', '{ userKey { key } }', {}, 'FORBIDDEN'],
];

describe('every resolver refuses bad input with a typed error', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it.each(cases)('%s (as %s) %#', async (_, who, query, variables, code) => {
    const token = {
      none: undefined,
      admin: t.adminToken,
      apiKey: t.apiKey,
      user: t.userToken,
      device: t.deviceToken,
    }[who];
    const vars = JSON.parse(
      JSON.stringify(variables).replace('"TENANT"', `"${t.tenantId}"`),
    ) as Record<string, unknown>;
    const result = await gql(server.url, query, vars, token);
    expect(errorCode(result)).toBe(code);
    expect(result.errors?.[0]?.extensions?.retryable).toBe(false);
  });

  it('answers CONFLICT for a second tenant with the same name', async () => {
    const name = `dup-${randomUUID()}`;
    const create = 'mutation($n: String!) { createTenant(input: { name: $n }) { id } }';
    await gqlOk(server.url, create, { n: name }, t.adminToken);
    expect(errorCode(await gql(server.url, create, { n: name }, t.adminToken))).toBe('CONFLICT');
  });

  it('answers null for a path that is not in the library', async () => {
    const { fileByPath } = await gqlOk(
      server.url,
      '{ fileByPath(path: "No/such.txt") { id } }',
      {},
      t.deviceToken,
    );
    expect(fileByPath).toBeNull();
  });
});
