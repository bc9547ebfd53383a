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
 * | `TLS_CERT_FILE`        | unset                                      | PEM certificate chain; with `TLS_KEY_FILE`, serve https and wss |
 * | `TLS_KEY_FILE`         | unset                                      | PEM private key of that certificate                  |
 * | `CAIRN_SCRUB_INTERVAL_SECONDS` | `3600`                             | how often the scrub job runs                         |
 * | `CAIRN_SCRUB_MAX_OBJECTS` | `1000`                                  | stored objects one scrub run re-reads (and keys it lists) |
 * | `CAIRN_SCRUB_MAX_BYTES` | `1073741824`                              | bytes one scrub run re-reads                         |
 * | `CAIRN_SCRUB_ORPHAN_GRACE_SECONDS` | `86400`                        | age before an unreferenced object counts as orphaned |
 * | `CAIRN_PARTNER_JWKS_ALLOW_HTTP` | `false`                           | accept http:// JWKS URLs (development only)          |
 * | `CAIRN_ACCESS_TOKEN_TTL_SECONDS` | `900`                            | lifetime of an operator's access token               |
 * | `CAIRN_REFRESH_TOKEN_TTL_SECONDS` | `1209600`                       | lifetime of a refresh token; each refresh makes a new one |
 *
 * The GraphQL query limits and rate-limit budgets (`CAIRN_GRAPHQL_*`, `CAIRN_RATE_*`,
 * `CAIRN_LOGIN_*`) are listed with their defaults in the README's configuration table.
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
  graphqlLimits: GraphqlLimits;
  /** A persisted-query manifest; when set, device and end-user credentials run only its operations. */
  operationAllowListFile: string | null;
  rateLimits: RateLimitConfig;
  /** PEM files; when set the server speaks only https and wss. */
  tls: { certFile: string; keyFile: string } | null;
  scrub: ScrubLimits & { everySeconds: number };
  /** Partner JWKS URLs must be https unless this is set (a local identity provider in development). */
  partnerJwksAllowHttp: boolean;
  /** The longest an audit insert may take before its event is kept in memory to retry. */
  auditWriteTimeoutMs: number;
  sessions: SessionTtls;
}

/** Operator sessions: a short-lived access JWT, and a refresh token that rotates on each use. */
export interface SessionTtls {
  accessSeconds: number;
  refreshSeconds: number;
}

export interface ScrubLimits {
  maxObjects: number;
  maxBytes: number;
  orphanGraceSeconds: number;
}

/** Refused before execution: each bounds the work one operation can ask for. */
export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
}

/** Budgets per minute unless named otherwise; Redis holds the counters. */
export interface RateLimitConfig {
  /** GraphQL calls per API key, device, end-user token or operator. */
  graphqlPerCredential: number;
  /** GraphQL calls without a credential, per client IP. */
  graphqlAnonymousPerIp: number;
  /** Chunk PUT/GET and bundle requests per device (per user for restore downloads). */
  dataPlanePerDevice: number;
  /** Login attempts per client IP. */
  loginPerIp: number;
  /** Failed logins for one email within `loginFailureWindowSeconds` that lock it. */
  loginFailures: number;
  loginFailureWindowSeconds: number;
  loginLockoutSeconds: number;
  /** The window the per-minute budgets refill over; tests shorten it. */
  windowSeconds: number;
}

export const repoRoot = path.resolve(__dirname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const port = parsePort(env.PORT ?? '4000');
  const host = env.HOST ?? '127.0.0.1';
  const tls = tlsFiles(env);
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cairn',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    dataDir: path.resolve(env.CAIRN_DATA_DIR ?? path.join(repoRoot, '.cairn')),
    publicUrl: env.CAIRN_PUBLIC_URL ?? `${tls ? 'https' : 'http'}://${host}:${port}`,
    adminEmail: env.CAIRN_ADMIN_EMAIL ?? 'admin@cairn.local',
    adminPassword: env.CAIRN_ADMIN_PASSWORD || undefined,
    queuePrefix: env.CAIRN_QUEUE_PREFIX ?? 'cairn',
    logLevel: env.LOG_LEVEL ?? 'info',
    nodeEnv: env.NODE_ENV ?? 'development',
    gcGraceSeconds: 24 * 3600,
    runWorker: true,
    consoleDistDir: path.join(repoRoot, 'console', 'dist'),
    graphqlLimits: {
      maxDepth: positive(env, 'CAIRN_GRAPHQL_MAX_DEPTH', 12),
      maxAliases: positive(env, 'CAIRN_GRAPHQL_MAX_ALIASES', 30),
      maxCost: positive(env, 'CAIRN_GRAPHQL_MAX_COST', 5000),
      maxTokens: positive(env, 'CAIRN_GRAPHQL_MAX_TOKENS', 10_000),
    },
    operationAllowListFile: env.CAIRN_OPERATION_ALLOWLIST
      ? path.resolve(env.CAIRN_OPERATION_ALLOWLIST)
      : null,
    // Measured: the CLI backing up then restoring 4,100 files (390 MiB) from one device made 96
    // GraphQL calls in all and at most 4,419 chunk requests in a minute (310 in one second).
    rateLimits: {
      graphqlPerCredential: positive(env, 'CAIRN_RATE_GRAPHQL_PER_MINUTE', 6000),
      graphqlAnonymousPerIp: positive(env, 'CAIRN_RATE_ANONYMOUS_PER_MINUTE', 300),
      dataPlanePerDevice: positive(env, 'CAIRN_RATE_DATA_PLANE_PER_MINUTE', 120_000),
      loginPerIp: positive(env, 'CAIRN_RATE_LOGIN_PER_MINUTE', 30),
      loginFailures: positive(env, 'CAIRN_LOGIN_MAX_FAILURES', 5),
      loginFailureWindowSeconds: positive(env, 'CAIRN_LOGIN_FAILURE_WINDOW_SECONDS', 900),
      loginLockoutSeconds: positive(env, 'CAIRN_LOGIN_LOCKOUT_SECONDS', 900),
      windowSeconds: 60,
    },
    tls,
    scrub: {
      everySeconds: positive(env, 'CAIRN_SCRUB_INTERVAL_SECONDS', 3600),
      maxObjects: positive(env, 'CAIRN_SCRUB_MAX_OBJECTS', 1000),
      maxBytes: positive(env, 'CAIRN_SCRUB_MAX_BYTES', 1024 ** 3),
      orphanGraceSeconds: positive(env, 'CAIRN_SCRUB_ORPHAN_GRACE_SECONDS', 24 * 3600),
    },
    partnerJwksAllowHttp: flag(env, 'CAIRN_PARTNER_JWKS_ALLOW_HTTP'),
    auditWriteTimeoutMs: 5000,
    sessions: {
      accessSeconds: positive(env, 'CAIRN_ACCESS_TOKEN_TTL_SECONDS', 15 * 60),
      refreshSeconds: positive(env, 'CAIRN_REFRESH_TOKEN_TTL_SECONDS', 14 * 24 * 3600),
    },
  };
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const given = env[name];
  if (given === undefined || given === '' || given === 'false' || given === '0') return false;
  if (given === 'true' || given === '1') return true;
  throw new Error(`${name} must be true or false, got "${given}"`);
}

function tlsFiles(env: NodeJS.ProcessEnv): Config['tls'] {
  const certFile = env.TLS_CERT_FILE || undefined;
  const keyFile = env.TLS_KEY_FILE || undefined;
  if (!certFile && !keyFile) return null;
  // Half a TLS setup would silently serve plain http: refuse to start instead.
  if (!certFile || !keyFile) throw new Error('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  return { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const given = env[name];
  if (given === undefined || given === '') return fallback;
  const value = Number(given);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${given}"`);
  }
  return value;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}
