import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const repoRoot = resolve(__dirname, '..', '..');
const postgresUrl = process.env.CAIRN_E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * The server's V8 flags, as its start script sets them. Chunk bodies pass through the young
 * generation 64 KiB at a time; at V8's default 16 MiB semi-space they are scavenged and promoted
 * while still in flight, which cost the server about half its CPU time on large uploads.
 */
export const serverNodeFlags = ['--max-semi-space-size=64'];

export interface RunningServer {
  /** https when started with TLS_CERT_FILE and TLS_KEY_FILE. */
  url: string;
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  logPath: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real server process (API, worker, console) on a free port, fresh data dir. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-server-'));
  const adminEmail = 'admin@cairn.local';
  const adminPassword = `pw-${randomBytes(9).toString('base64url')}`;
  const logPath = join(dataDir, 'server.log');
  // A database of its own per server, so every run starts from a first start and leaves nothing.
  const database = `cairn_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `${postgresUrl}/${database}`;
  const log = createWriteStream(logPath);

  // As `npm start -w server` starts it (see `serverNodeFlags`).
  const args = [...serverNodeFlags, '--import', 'tsx', join(repoRoot, 'server/src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      CAIRN_DATA_DIR: dataDir,
      CAIRN_QUEUE_PREFIX: `cairn-e2e-${randomBytes(4).toString('hex')}`,
      CAIRN_ADMIN_EMAIL: adminEmail,
      CAIRN_ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
      // As `npm start -w server` does: overlapping chunk fsyncs need more than libuv's 4 threads.
      UV_THREADPOOL_SIZE: '16',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  // A server with its own certificate is probed trusting that certificate.
  const ca = env.TLS_CERT_FILE ? await readFile(env.TLS_CERT_FILE) : undefined;
  const url = `${ca ? 'https' : 'http'}://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      // 'close', not 'exit': the log may still be taking the process's last output after it exits.
      const exited = new Promise((done) => child.once('close', done));
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    }
    log.end();
    await dropDatabase(database);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, logPath, ca);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, databaseUrl, adminEmail, adminPassword, dataDir, logPath, process: child, stop };
}

async function waitUntilReady(url: string, child: ChildProcess, logPath: string, ca?: Buffer) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with code ${child.exitCode}; see ${logPath}`);
    }
    try {
      const status = ca
        ? await httpsStatus(`${url}/readyz`, ca)
        : (await fetch(`${url}/readyz`)).status;
      if (status === 200) return;
    } catch {
      // Not listening yet.
    }
    await delay(250);
  }
  throw new Error(`server not ready within 120 s; see ${logPath}`);
}

/** Node's fetch takes no CA of its own, so a TLS server is probed with node:https. */
function httpsStatus(url: string, ca: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsGet(url, { ca }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

async function dropDatabase(database: string) {
  const client = new Client({ connectionString: `${postgresUrl}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function delay(ms: number) {
  return new Promise((done) => setTimeout(done, ms));
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}
