import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { fakeChunk, randomName } from './support/api';
import { signInFirstTime } from './support/operator-session';
import { commitInput } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { gqlTls, httpsRequest, makeCertificate } from './support/tls';

jest.setTimeout(60_000);

describe('the server terminating TLS itself', () => {
  let server: TestServer;
  let certDir: string;
  let ca: Buffer;

  beforeAll(async () => {
    certDir = await mkdtemp(path.join(tmpdir(), 'cairn-tls-'));
    const cert = await makeCertificate(certDir);
    ca = cert.ca;
    server = await startTestServer({
      tls: { certFile: cert.certFile, keyFile: cert.keyFile },
    });
  });
  afterAll(async () => {
    await server.stop();
    await rm(certDir, { recursive: true, force: true });
  });

  it('answers https only, with a certificate a client must trust', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsRequest(`${server.url}/healthz`, { ca });
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

    await expect(httpsRequest(`${server.url}/healthz`, {})).rejects.toThrow(/self.signed/i);
    await expect(fetch(server.url.replace('https:', 'http:') + '/healthz')).rejects.toThrow();
  });

  it('runs GraphQL and a chunk upload, commit and download over https', async () => {
    const call = <T>(query: string, variables: Record<string, unknown>, token?: string) =>
      gqlTls<T>(server.url, ca, query, variables, token);
    const { email, password } = server.platformAdmin;
    const { session: login } = await signInFirstTime(call, email, password);
    const { createTenant } = await call<{ createTenant: { id: string } }>(
      'mutation($n: String!) { createTenant(input: { name: $n }) { id } }',
      { n: randomName('tls') },
      login.token,
    );
    const { createApiKey } = await call<{ createApiKey: { secret: string } }>(
      'mutation($t: ID!) { createApiKey(tenantId: $t, name: "tls", scopes: [USERS_WRITE]) { secret } }',
      { t: createTenant.id },
      login.token,
    );
    const { mintUserToken } = await call<{ mintUserToken: { token: string } }>(
      'mutation { mintUserToken(externalId: "alice") { token } }',
      {},
      createApiKey.secret,
    );
    const { registerDevice } = await call<{ registerDevice: { deviceToken: string } }>(
      'mutation { registerDevice(input: { name: "laptop", platform: "node" }) { deviceToken } }',
      {},
      mintUserToken.token,
    );
    const device = registerDevice.deviceToken;

    const chunk = fakeChunk(5000);
    const { prepareUpload } = await call<{ prepareUpload: { missing: { url: string }[] } }>(
      'mutation($c: [ChunkDeclaration!]!) { prepareUpload(chunks: $c) { missing { url } } }',
      {
        c: [
          { id: chunk.id, plainSize: chunk.plainSize, size: chunk.size, checksum: chunk.checksum },
        ],
      },
      device,
    );
    const put = await httpsRequest(new URL(prepareUpload.missing[0]!.url, server.url).href, {
      method: 'PUT',
      body: chunk.body,
      ca,
    });
    expect(put.status).toBe(201);
    const { commitVersion } = await call<{ commitVersion: { version: { id: string } } }>(
      'mutation($i: CommitVersionInput!) { commitVersion(input: $i) { version { id } } }',
      { i: commitInput('Secure/a.bin', [chunk]) },
      device,
    );
    const { restorePlan } = await call<{ restorePlan: { chunks: { url: string }[] } }>(
      'query($v: ID!) { restorePlan(versionId: $v) { chunks { url } } }',
      { v: commitVersion.version.id },
      device,
    );
    const got = await httpsRequest(new URL(restorePlan.chunks[0]!.url, server.url).href, { ca });
    expect(got.status).toBe(200);
    expect(got.body.equals(chunk.body)).toBe(true);
  });

  it('accepts graphql-ws over wss on the same port', async () => {
    const socket = new WebSocket(
      `${server.url.replace('https:', 'wss:')}/graphql`,
      'graphql-transport-ws',
      {
        ca,
      },
    );
    const ack = await new Promise<unknown>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString())));
      socket.once('error', reject);
    });
    socket.close();
    expect(ack).toEqual({ type: 'connection_ack' });
  });
});
