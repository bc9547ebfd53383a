import { MikroORM } from '@mikro-orm/postgresql';
import { errorCode } from '../errors';
import type { Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { migrationsList } from '../../../migrations';
import type { Logger } from '../logger';
import { entities } from './entities';

/** Creates the database named in `databaseUrl` when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      const quoted = '"' + name.replace(/"/g, '""') + '"';
      await client.query(`create database ${quoted}`).catch((error: unknown) => {
        // Another process may have created it between the check and here.
        if (errorCode(error) !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

export function ormOptions(databaseUrl: string): Options {
  return {
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      silent: true,
      snapshot: false,
    },
    pool: { min: 0, max: 10 },
    allowGlobalContext: false,
  };
}

export async function openOrm(databaseUrl: string): Promise<MikroORM> {
  return MikroORM.init(ormOptions(databaseUrl));
}

export async function migrate(orm: MikroORM, log?: Logger): Promise<void> {
  const applied = await orm.getMigrator().up();
  if (applied.length > 0)
    log?.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
}

export async function pendingMigrations(orm: MikroORM): Promise<number> {
  return (await orm.getMigrator().getPendingMigrations()).length;
}

/** Raw pool for the hot paths (prepareUpload, commits, GC) that batch their SQL by hand. */
export function openPool(databaseUrl: string): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: 10 });
}

/**
 * The data plane's pool records uploaded chunks without waiting for the WAL flush. Safe: the
 * blob is fsynced first, a lost row only makes prepareUpload ask for the chunk again, and any
 * later durable commit flushes the WAL that holds it.
 */
export function openUploadPool(databaseUrl: string): pg.Pool {
  return new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    options: '-c synchronous_commit=off',
  });
}

/**
 * Audit writes get a pool of their own with a statement timeout: a blocked audit insert may delay
 * a mutation's answer by at most `timeoutMs`, after which the event is kept to retry.
 */
export function openAuditPool(databaseUrl: string, timeoutMs: number): pg.Pool {
  return new pg.Pool({
    connectionString: databaseUrl,
    max: 5,
    options: `-c statement_timeout=${timeoutMs}`,
  });
}

/** Runs `work` in one transaction on its own client. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
