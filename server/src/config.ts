import path from 'node:path';

/**
 * Every setting the server reads, with its default. `loadConfig(process.env)` is the only place
 * that touches the environment; tests build a `Config` directly.
 *
 * | variable               | default                                    | meaning                                              |
 * | ---------------------- | ------------------------------------------ | ---------------------------------------------------- |
 * | `PORT`                 | `4000`                                     | HTTP port (GraphQL, graphql-ws, data plane, console) |
 * | `HOST`                 | `127.0.0.1`                                | interface to listen on                               |
 * | `DATABASE_URL`         | `postgres://postgres@127.0.0.1:5432/cairn` | PostgreSQL; the database is created if missing       |
 * | `REDIS_URL`            | `redis://127.0.0.1:6379`                   | BullMQ queues and event pub/sub                      |
 * | `CAIRN_DATA_DIR`       | `<repo>/.cairn`                            | `blobs/`, `keys.json` (0600), `initial-admin-password` |
 * | `CAIRN_PUBLIC_URL`     | `http://<HOST>:<PORT>`                     | base URL printed and used for absolute links         |
 * | `CAIRN_ADMIN_EMAIL`    | `admin@cairn.local`                        | first platform admin, created when no operator exists |
 * | `CAIRN_ADMIN_PASSWORD` | random, printed once                       | that admin's password                                |
 * | `CAIRN_QUEUE_PREFIX`   | `cairn`                                    | BullMQ and pub/sub key prefix (tests isolate with it) |
 * | `LOG_LEVEL`            | `info`                                     | pino level                                           |
 * | `NODE_ENV`             | `development`                              | `production` hides internal error messages           |
 */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  dataDir: string;
  publicUrl: string;
  adminEmail: string;
  adminPassword: string | undefined;
  queuePrefix: string;
  logLevel: string;
  nodeEnv: string;
  /** Chunks unreferenced for longer than this are garbage-collected. */
  gcGraceSeconds: number;
  /** Starts the BullMQ worker and scheduler in this process. */
  runWorker: boolean;
  consoleDistDir: string;
}

export const repoRoot = path.resolve(__dirname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const port = parsePort(env.PORT ?? '4000');
  const host = env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cairn',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    dataDir: path.resolve(env.CAIRN_DATA_DIR ?? path.join(repoRoot, '.cairn')),
    publicUrl: env.CAIRN_PUBLIC_URL ?? `http://${host}:${port}`,
    adminEmail: env.CAIRN_ADMIN_EMAIL ?? 'admin@cairn.local',
    adminPassword: env.CAIRN_ADMIN_PASSWORD || undefined,
    queuePrefix: env.CAIRN_QUEUE_PREFIX ?? 'cairn',
    logLevel: env.LOG_LEVEL ?? 'info',
    nodeEnv: env.NODE_ENV ?? 'development',
    gcGraceSeconds: 24 * 3600,
    runWorker: true,
    consoleDistDir: path.join(repoRoot, 'console', 'dist'),
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}
