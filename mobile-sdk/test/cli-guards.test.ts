import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createAccount, startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

const root = resolve(__dirname, '..', '..');

function cairn(args: string[], home: string, env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'mobile-sdk/src/cli/main.ts', ...args],
      { cwd: root, env: { ...process.env, CAIRN_HOME: home, ...env } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (piece: Buffer) => (stdout += piece.toString()));
    child.stderr.on('data', (piece: Buffer) => (stderr += piece.toString()));
    child.once('close', (status) => done({ status, stdout, stderr }));
  });
}

/** The CLI never replaces local files unasked, and never reports success it did not have. */
describe('cairn CLI guards', () => {
  const dir = useTempDir();
  let server: RealServer;

  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server.stop());

  const loggedIn = async () => {
    const account = await createAccount(server);
    const home = join(dir(), 'home');
    const login = await cairn(
      ['login', '--server', server.url, '--token', account.userToken],
      home,
    );
    expect(login.status).toBe(0);
    const source = join(dir(), 'Phone');
    await mkdir(join(source, 'Notes'), { recursive: true });
    await writeFile(join(source, 'Notes', 'a.txt'), 'from the backup');
    expect((await cairn(['backup', source], home)).status).toBe(0);
    return { account, home };
  };

  it('refuses a server that is not an http(s) URL as BAD_USER_INPUT', async () => {
    const run = await cairn(['login', '--server', 'not-a-url', '--token', 'x'], join(dir(), 'h'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/must be an http\(s\) URL.*\(BAD_USER_INPUT\)/);
  });

  it('refuses a bad CAIRN_SEAL_THREADS before sending anything, and backs up with sealing threads', async () => {
    const { account, home } = await loggedIn();
    const source = join(dir(), 'Phone');
    await writeFile(join(source, 'Notes', 'b.txt'), Buffer.alloc(300_000, 7));

    const bad = await cairn(['backup', source], home, { CAIRN_SEAL_THREADS: 'lots' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/CAIRN_SEAL_THREADS must be.*\(BAD_USER_INPUT\)/);
    const { rows } = await server.services.pool.query(
      "select 1 from file where user_id = $1 and path = 'Phone/Notes/b.txt'",
      [account.userId],
    );
    expect(rows).toHaveLength(0);

    const threaded = await cairn(['backup', source, '--json'], home, { CAIRN_SEAL_THREADS: '2' });
    expect(threaded.status).toBe(0);
    expect(JSON.parse(threaded.stdout)).toMatchObject({ filesCommitted: 1, filesFailed: 0 });
  });

  it('leaves a folder with local files alone unless told to overwrite', async () => {
    const { home } = await loggedIn();
    const dest = join(dir(), 'restore');
    await mkdir(join(dest, 'Phone', 'Notes'), { recursive: true });
    const local = join(dest, 'Phone', 'Notes', 'a.txt');
    await writeFile(local, 'my local edit');

    const refused = await cairn(['restore', dest], home);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/not empty.*--overwrite.*\(TARGET_NOT_EMPTY\)/);
    expect(await readFile(local, 'utf8')).toBe('my local edit');

    const forced = await cairn(['restore', dest, '--overwrite'], home);
    expect(forced.status).toBe(0);
    expect(await readFile(local, 'utf8')).toBe('from the backup');
  });

  it('fails a restore of a path the library does not hold', async () => {
    const { home } = await loggedIn();
    const run = await cairn(['restore', join(dir(), 'empty'), '--path', 'Phone/nope'], home);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/nothing in the library at Phone\/nope \(NOT_FOUND\)/);
  });

  it('tells a revoked device so even when nothing changed', async () => {
    const { account, home } = await loggedIn();
    // The CLI registered a device of its own at login.
    const { deviceId } = JSON.parse(await readFile(join(home, 'config.json'), 'utf8')) as {
      deviceId: string;
    };
    const revoked = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${account.adminToken}`,
      },
      body: JSON.stringify({
        query: 'mutation($d: ID!) { revokeDevice(id: $d) { id } }',
        variables: { d: deviceId },
      }),
    });

    expect(await revoked.json()).toEqual({ data: { revokeDevice: { id: deviceId } } });

    const run = await cairn(['backup', join(dir(), 'Phone')], home);
    expect(run).toMatchObject({ status: 1, stdout: '' });
    expect(run.stderr).toMatch(/refused this device.*\(UNAUTHENTICATED\)/);
  });
});
