import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testAdmin, testDatabaseUrl } from './support/env';

jest.setTimeout(90_000);

describe('the server process', () => {
  it('prints where it runs, becomes ready and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cairn-process-test-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, '..', 'src', 'main.ts')],
      {
        cwd: path.join(__dirname, '..'),
        env: {
          ...process.env,
          // production: Apollo would install its own signal handlers here if we let it.
          NODE_ENV: 'production',
          PORT: '0',
          DATABASE_URL: testDatabaseUrl,
          CAIRN_DATA_DIR: dataDir,
          CAIRN_QUEUE_PREFIX: `cairn-test-${randomBytes(6).toString('hex')}`,
          CAIRN_ADMIN_EMAIL: testAdmin.email,
          CAIRN_ADMIN_PASSWORD: testAdmin.password,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (piece: Buffer) => {
          output += piece.toString();
          const match = /API \(GraphQL\):\s+(\S+)\/graphql/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.stderr.on('data', (piece: Buffer) => (output += piece.toString()));
        void exited.then(() => reject(new Error(`server exited early:\n${output}`)));
      });
      expect(output).toContain(`${url}/console`);
      expect(output).toContain(`Admin login:    ${testAdmin.email}`);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
