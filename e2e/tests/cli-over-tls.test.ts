import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import type { BackupSummary, RestoreSummary } from '../src/cli';
import { runCli, runCliJson } from '../src/cli';
import { differingFiles, listFiles } from '../src/folder';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';
import type { Call } from '../src/operator-sign-in';
import { enrolAdmin } from '../src/operator-sign-in';

jest.setTimeout(5 * 60_000);

/** A GraphQL call over https trusting `ca`: Node's fetch takes no CA of its own. */
function gqlOverTls<T>(
  url: string,
  ca: Buffer,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        ca,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const pieces: Buffer[] = [];
        res.on('data', (piece: Buffer) => pieces.push(piece));
        res.on('end', () => {
          const body = JSON.parse(Buffer.concat(pieces).toString()) as {
            data?: T;
            errors?: unknown[];
          };
          if (body.errors?.length || !body.data) reject(new Error(JSON.stringify(body.errors)));
          else resolve(body.data);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query, variables }));
  });
}

describe('the CLI backs up and restores over https with the server terminating TLS', () => {
  let server: RunningServer;
  let work: string;
  let certFile: string;
  let ca: Buffer;
  let apiKey: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-tls-'));
    certFile = join(work, 'cert.pem');
    const keyFile = join(work, 'key.pem');
    await promisify(execFile)('openssl', [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
      ...['-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
    ]);
    ca = await readFile(certFile);
    server = await startServer({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile });

    const call: Call = (query, variables, token) =>
      gqlOverTls(server.url, ca, query, variables, token);
    const admin = await enrolAdmin(call, server.adminEmail, server.adminPassword);
    const { createTenant } = await gqlOverTls<{ createTenant: { id: string } }>(
      server.url,
      ca,
      'mutation($n: String!) { createTenant(input: { name: $n }) { id } }',
      { n: `tls-${randomBytes(4).toString('hex')}` },
      admin.token,
    );
    const { createApiKey } = await gqlOverTls<{ createApiKey: { secret: string } }>(
      server.url,
      ca,
      'mutation($t: ID!) { createApiKey(tenantId: $t, name: "cli", scopes: [USERS_WRITE]) { secret } }',
      { t: createTenant.id },
      admin.token,
    );
    apiKey = createApiKey.secret;
  });

  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('refuses the untrusted certificate cleanly without the CA', async () => {
    const run = await runCli(
      ['login', '--server', server.url, '--api-key', apiKey, '--user', 'mallory'],
      join(work, 'untrusted-home'),
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(/certificate/i);
  });

  it('logs in, backs up and restores byte for byte with NODE_EXTRA_CA_CERTS', async () => {
    expect(server.url).toMatch(/^https:/);
    const home = join(work, 'home');
    const env = { NODE_EXTRA_CA_CERTS: certFile };
    const source = join(work, 'Phone');
    const files: Record<string, Buffer> = {
      'Camera/IMG_0001.jpg': randomBytes(3 * 1024 * 1024),
      'Notes/todo.txt': Buffer.from('water the plants\n'),
    };
    for (const [path, bytes] of Object.entries(files)) {
      await mkdir(dirname(join(source, path)), { recursive: true });
      await writeFile(join(source, path), bytes);
    }

    const login = await runCli(
      ['login', '--server', server.url, '--api-key', apiKey, '--user', 'alice'],
      home,
      env,
    );
    expect(login).toMatchObject({ code: 0 });
    const backup = await runCliJson<BackupSummary>(['backup', source], home, env);
    expect(backup).toMatchObject({ filesCommitted: 2, filesFailed: 0 });
    const restored = join(work, 'restored');
    const restore = await runCliJson<RestoreSummary>(['restore', restored], home, env);
    expect(restore).toMatchObject({ filesRestored: 2, filesFailed: 0 });
    const names = await listFiles(source);
    expect(await differingFiles(source, join(restored, 'Phone'), names)).toEqual([]);
  });
});
