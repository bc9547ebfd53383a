import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';
import { anonymous } from './auth/actor';
import { auditMutationFields } from './audit/audited-mutations';
import { auditRefusalsPlugin, recordRefusedBody, refusalRecorder } from './audit/audit-refusals';
import { outcomeOfError } from './audit/outcome';
import type { Config } from './config';
import {
  ensureDatabase,
  migrate,
  openAuditPool,
  openOrm,
  openPool,
  openUploadPool,
} from './db/database';
import { FileEventBus } from './events/file-events';
import type { RequestContext } from './graphql/context';
import { makeFormatError } from './graphql/format-error';
import { createLoaders } from './graphql/loaders';
import { loadOperationAllowList } from './graphql/operation-allowlist';
import { asHttpGraphQLError, operationGuardPlugin } from './graphql/operation-guard';
import { nestingGuard, queryLimitRules } from './graphql/query-limits';
import { buildSchema } from './graphql/schema';
import { graphqlOverWebSocket } from './graphql/ws-operations';
import { chunkRoutes } from './http/chunk-routes';
import { dataPlaneGate } from './http/data-plane-gate';
import { consoleRoutes } from './http/console-static';
import { jsonErrors, notFound } from './http/error-handler';
import { healthRoutes } from './http/health-routes';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { collectChunks } from './jobs/chunk-gc.job';
import { JobRunner } from './jobs/queue';
import { scrubChunks } from './jobs/scrub.job';
import { loadOrCreateKeys } from './keys/key-file';
import type { Logger } from './logger';
import { createLogger } from './logger';
import type { Services } from './services';
import { createServices } from './services';
import { LocalDiskBlobStore } from './storage/local-disk.store';
import { PostgresSmallBlobStore } from './storage/postgres-small.store';
import { TieredBlobStore } from './storage/tiered.store';

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  jobs: JobRunner;
  admin: { email: string; passwordFile: string | null; created: boolean };
  log: Logger;
  close(): Promise<void>;
}

/**
 * Objects up to this size (a small file's only chunk, a large file's tail) are kept in
 * PostgreSQL; chunks are at least 256 KiB otherwise, and those go to files.
 */
const smallObjectMaxBytes = 256 * 1024;

/** Builds every part from `config` and listens. `main.ts` and the tests both start here. */
export async function startServer(
  config: Config,
  log = createLogger(config.logLevel),
): Promise<RunningServer> {
  // Read first: a wrong path fails the start before anything is opened.
  const tlsOptions = config.tls
    ? { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) }
    : null;
  await ensureDatabase(config.databaseUrl);
  const orm = await openOrm(config.databaseUrl);
  await migrate(orm, log);
  const keys = await loadOrCreateKeys(config.dataDir);
  const pool = openPool(config.databaseUrl);
  const uploadPool = openUploadPool(config.databaseUrl);
  const auditPool = openAuditPool(config.databaseUrl, config.auditWriteTimeoutMs);
  const redis = new Redis(config.redisUrl);
  const subscriber = new Redis(config.redisUrl);
  const events = new FileEventBus(
    redis,
    subscriber,
    config.queuePrefix,
    log.child({ module: 'events' }),
  );
  await events.start();
  const disk = new LocalDiskBlobStore(path.join(config.dataDir, 'blobs'));
  const swept = await disk.sweepTemporaryFiles(60 * 60 * 1000);
  const objectPool = openPool(config.databaseUrl);
  const blobs = new TieredBlobStore(
    new PostgresSmallBlobStore(objectPool),
    disk,
    smallObjectMaxBytes,
  );
  if (swept > 0) log.info({ swept }, 'removed temporary files left by an interrupted run');
  const jobs = new JobRunner(config.redisUrl, config.queuePrefix, log.child({ module: 'jobs' }));
  const services = createServices({
    config,
    pool,
    auditPool,
    orm,
    blobs,
    events,
    redis,
    keys,
    jobs,
    log,
  });
  services.audit.start();
  const admin = await services.operators.ensureInitialAdmin(
    config.adminEmail,
    config.adminPassword,
    config.dataDir,
  );

  if (config.runWorker) {
    const gcLog = log.child({ module: 'chunk-gc' });
    const scrubLog = log.child({ module: 'scrub' });
    await jobs.start(
      {
        'chunk-gc': () =>
          collectChunks({ pool, blobs, graceSeconds: config.gcGraceSeconds, log: gcLog }),
        scrub: () => scrubChunks({ pool, blobs, limits: config.scrub, log: scrubLog }),
      },
      [
        { id: 'chunk-gc-hourly', name: 'chunk-gc', everyMs: 3600_000 },
        { id: 'scrub', name: 'scrub', everyMs: config.scrub.everySeconds * 1000 },
      ],
    );
  }

  const app = express();
  app.disable('x-powered-by');
  const httpServer = tlsOptions ? https.createServer(tlsOptions, app) : http.createServer(app);
  const schema = auditMutationFields(buildSchema());
  const recordRefusal = refusalRecorder(schema, services.audit);
  // Authentication, tenant suspension and the request budget, before any operation runs.
  const contextFor = async (
    authorization: string | undefined,
    requestId: string,
    clientIp: string,
    userAgent: string | null,
  ) => {
    const actor = await services.auth.fromHeader(authorization);
    await services.rateLimits.graphql(actor, clientIp);
    const ids = actor.kind === 'ANONYMOUS' ? {} : { tenantId: actor.tenantId };
    const device = actor.kind === 'DEVICE' ? { deviceId: actor.deviceId } : {};
    const requestLogger = log.child({ requestId, ...ids, ...device });
    const context: RequestContext = {
      actor,
      services,
      loaders: createLoaders(pool),
      log: requestLogger,
      requestId,
      clientIp,
      userAgent,
    };
    return context;
  };
  const guard = {
    production: config.nodeEnv === 'production',
    allowList: config.operationAllowListFile
      ? await loadOperationAllowList(config.operationAllowListFile)
      : null,
  };
  const validationRules = queryLimitRules(config.graphqlLimits);
  const parseOptions = { maxTokens: config.graphqlLimits.maxTokens };

  const formatError = makeFormatError(log, config.nodeEnv === 'development');
  const formatAll = (errors: readonly GraphQLError[]) =>
    errors.map((e) => formatError(e.toJSON(), e));
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer(
    graphqlOverWebSocket({
      schema,
      validationRules,
      parseOptions,
      guard,
      formatAll,
      contextFor,
      recordRefusal,
    }),
    wsServer,
  );
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    validationRules,
    parseOptions,
    // main.ts owns the signals; Apollo's own handlers would race its shutdown.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationGuardPlugin(guard),
      auditRefusalsPlugin(recordRefusal),
      {
        serverWillStart: () =>
          Promise.resolve({
            drainServer: async () => {
              await wsCleanup.dispose();
            },
          }),
      },
    ],
  });
  await apollo.start();

  app.use(securityHeaders(config.tls !== null));
  app.use(requestLog(log.child({ module: 'http' })));
  app.use(healthRoutes({ pool, redis, orm }));
  app.use(
    chunkRoutes({
      pool: uploadPool,
      blobs,
      tokenSecret: keys.tokenSecret,
      admit: dataPlaneGate(uploadPool, services.rateLimits),
      audit: services.audit.dataPlane,
      log,
    }),
  );
  app.use(consoleRoutes(config.consoleDistDir));
  app.use(
    '/graphql',
    express.json({ limit: '64mb' }),
    nestingGuard(),
    expressMiddleware(apollo, {
      context: ({ req }) => {
        const given = req.headers['x-request-id'];
        const requestId = typeof given === 'string' ? given : randomUUID();
        const clientIp = req.socket.remoteAddress ?? 'unknown';
        const userAgent = req.headers['user-agent'] ?? null;
        return contextFor(req.headers.authorization, requestId, clientIp, userAgent).catch(
          async (error: unknown) => {
            const caller = { actor: anonymous, requestId, clientIp, userAgent };
            const failedWith = outcomeOfError(error);
            await recordRefusedBody(recordRefusal, req.body, parseOptions, failedWith, caller);
            throw asHttpGraphQLError(error);
          },
        );
      },
    }),
  );

  app.use(notFound);
  app.use(jsonErrors(log.child({ module: 'http' })));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const scheme = config.tls ? 'https' : 'http';
  const url = config.port === 0 ? `${scheme}://${config.host}:${port}` : config.publicUrl;

  const close = async () => {
    const step = async (name: string, work: () => Promise<unknown>) => {
      const started = Date.now();
      await work();
      log.debug({ step: name, ms: Date.now() - started }, 'stopped');
    };
    await step('http', () => apollo.stop());
    await step('audit', () => services.audit.close());
    await step('jobs', () => jobs.close());
    await step('redis', () =>
      Promise.all([redis.quit(), subscriber.quit()]).catch(() => undefined),
    );
    await step('postgres', () =>
      Promise.all([pool.end(), uploadPool.end(), objectPool.end(), auditPool.end(), orm.close()]),
    );
  };
  return { url, port, services, jobs, admin, log, close };
}
