import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { pendingMigrations } from '../db/database';

/** /healthz: the process answers. /readyz: PostgreSQL, Redis and the migrations are all there. */
export function healthRoutes(deps: { pool: pg.Pool; redis: Redis; orm: MikroORM }): express.Router {
  const router = express.Router();
  let migrated = false;
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = { postgres: false, redis: false, migrations: migrated };
    try {
      await deps.pool.query('select 1');
      checks.postgres = true;
      checks.redis = (await deps.redis.ping()) === 'PONG';
      if (!migrated) checks.migrations = migrated = (await pendingMigrations(deps.orm)) === 0;
    } catch {
      // Whatever failed stays false in the answer.
    }
    const ready = checks.postgres && checks.redis && checks.migrations;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  return router;
}
