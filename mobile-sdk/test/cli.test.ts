import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CairnHome } from '../src/node/home';
import { useTempDir } from './support/temp-dir';

const root = resolve(__dirname, '..', '..');

function cairn(args: string[], home: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'mobile-sdk/src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, CAIRN_HOME: home },
    encoding: 'utf8',
  });
}

describe('cairn CLI', () => {
  const dir = useTempDir();

  it('refuses to back up before login, with one line on stderr and a non-zero exit', () => {
    const run = cairn(['backup', dir(), '--json'], join(dir(), 'home'));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/not logged in .*\(NOT_LOGGED_IN\)/);
  });

  it('refuses login without a credential', () => {
    const run = cairn(['login', '--server', 'http://127.0.0.1:9'], join(dir(), 'home'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--token, or --api-key with --user \(BAD_USER_INPUT\)/);
  });

  it('reports an unreachable server as a network error', () => {
    const run = cairn(
      ['login', '--server', 'http://127.0.0.1:9', '--token', 'user-token'],
      join(dir(), 'home'),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9.*\(NETWORK_ERROR\)/);
  });

  it('keeps the config and the user key readable by the owner only', async () => {
    const home = new CairnHome(join(dir(), 'home'));
    await home.saveKey({ keyId: 'key-1', key: Buffer.alloc(32, 1).toString('base64') });
    await home.saveConfig({
      server: 'http://cairn.test',
      tenantId: 't',
      userId: 'u',
      deviceId: 'd',
      deviceName: 'n',
      deviceToken: 'cd_d_secret',
      keyId: 'key-1',
    });
    expect((await stat(home.configPath)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home.dir, 'keys', 'key-1.json'))).mode & 0o777).toBe(0o600);
    expect((await home.loadKey('key-1')).key).toBe(Buffer.alloc(32, 1).toString('base64'));
  });
});
