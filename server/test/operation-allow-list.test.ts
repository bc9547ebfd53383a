import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { apiKeyScopes } from '@cairn/schema';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadOperationAllowList } from '../src/graphql/operation-allowlist';
import { adminToken, errorCode, gql, gqlOk, mintUser, randomName } from './support/api';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const sdkManifest = resolve(__dirname, '../../mobile-sdk/operations.json');

interface Manifest {
  operations: { name: string; body: string }[];
}

/** A tenant whose device registered as the SDK registers one, with the SDK's own mutation. */
async function sdkTenant(url: string, registerDevice: string) {
  const admin = await adminToken(url);
  const { createTenant } = await gqlOk<{ createTenant: { id: string } }>(
    url,
    'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }',
    { i: { name: randomName('tenant') } },
    admin,
  );
  const { createApiKey } = await gqlOk<{ createApiKey: { secret: string } }>(
    url,
    `mutation($t: ID!, $s: [ApiKeyScope!]!) {
       createApiKey(tenantId: $t, name: "test", scopes: $s) { secret } }`,
    { t: createTenant.id, s: apiKeyScopes },
    admin,
  );
  const user = await mintUser(url, createApiKey.secret, randomName('user'));
  const device = await gqlOk<{ registerDevice: { deviceToken: string } }>(
    url,
    registerDevice,
    { input: { name: 'Pixel', platform: 'android' } },
    user.token,
  );
  return {
    adminToken: admin,
    apiKey: createApiKey.secret,
    userToken: user.token,
    deviceToken: device.registerDevice.deviceToken,
  };
}

describe('operation allow-list (CAIRN_OPERATION_ALLOWLIST)', () => {
  let server: TestServer;
  let t: Awaited<ReturnType<typeof sdkTenant>>;
  let bodies: Map<string, string>;

  beforeAll(async () => {
    const manifest = JSON.parse(await readFile(sdkManifest, 'utf8')) as Manifest;
    bodies = new Map(manifest.operations.map((op) => [op.name, op.body]));
    server = await startTestServer({ operationAllowListFile: sdkManifest });
    t = await sdkTenant(server.url, bodies.get('RegisterDevice')!);
  });
  afterAll(() => server.stop());

  it("runs the SDK's operations for a device, however they are spaced", async () => {
    const viewer = bodies.get('Viewer')!;
    for (const query of [viewer, viewer.replace(/\s+/g, ' '), `\n\n${viewer},`]) {
      const result = await gql<{ viewer: { kind: string } }>(server.url, query, {}, t.deviceToken);
      expect(result.errors).toBeUndefined();
      expect(result.data?.viewer.kind).toBe('DEVICE');
    }
  });

  it('refuses devices and end users any other operation, before it runs', async () => {
    for (const token of [t.deviceToken, t.userToken]) {
      const result = await gql(server.url, '{ viewer { kind } }', {}, token);
      expect(errorCode(result)).toBe('OPERATION_NOT_ALLOWED');
      expect(result.status).toBe(403);
      expect(result.data).toBeNull();
    }
  });

  it('refuses an SDK mutation with a changed selection, and changes nothing', async () => {
    const devices = async () =>
      (
        await gqlOk<{ devices: { total: number } }>(
          server.url,
          '{ devices { total } }',
          {},
          t.adminToken,
        )
      ).devices.total;
    const before = await devices();
    const widened = bodies
      .get('RegisterDevice')!
      .replace('deviceToken', 'deviceToken\n    __typename');
    expect(widened).not.toBe(bodies.get('RegisterDevice'));

    const result = await gql(
      server.url,
      widened,
      { input: { name: 'Second', platform: 'ios' } },
      t.userToken,
    );
    expect(errorCode(result)).toBe('OPERATION_NOT_ALLOWED');
    expect(await devices()).toBe(before);
  });

  it('does not bind operators and API keys, who write their own queries', async () => {
    for (const token of [t.adminToken, t.apiKey]) {
      const result = await gql(server.url, '{ viewer { kind } }', {}, token);
      expect(result.errors).toBeUndefined();
    }
  });

  it('refuses an operation off the list over graphql-ws too', async () => {
    const client = createClient({
      url: server.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.deviceToken}` },
      retryAttempts: 0,
    });
    try {
      const events = client.iterate({ query: 'subscription { fileEvents { kind } }' });
      const first = await events.next().then(
        (step) => JSON.stringify(step.value),
        (error: unknown) => JSON.stringify(error),
      );
      expect(first).toContain('OPERATION_NOT_ALLOWED');
    } finally {
      await client.dispose();
    }
  });

  it('will not start from a file that is not a persisted-query manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-allowlist-'));
    try {
      const path = join(dir, 'list.json');
      await writeFile(path, JSON.stringify({ operations: [] }));
      await expect(loadOperationAllowList(path)).rejects.toThrow(
        'is not an apollo-persisted-query-manifest',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
