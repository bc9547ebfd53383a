import { loadConfig } from './config';
import { ensureDatabase, migrate, openOrm } from './db/database';
import { createLogger } from './logger';

/** `npm run migrate -w server`: creates the database if needed and applies pending migrations. */
async function run() {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  await ensureDatabase(config.databaseUrl);
  const orm = await openOrm(config.databaseUrl);
  try {
    await migrate(orm, log);
    log.info('database is up to date');
  } finally {
    await orm.close();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${String(error)}\n`);
  process.exit(1);
});
