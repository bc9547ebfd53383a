import { ensureDatabase, migrate, openOrm } from '../src/db/database';
import { OperatorService } from '../src/identity/operators.service';
import { testAdmin, testDatabaseUrl } from './support/env';

/** Creates and migrates cairn_test once, with the platform admin every test signs in as. */
export default async function globalSetup(): Promise<void> {
  process.env.DATABASE_URL ??= testDatabaseUrl;
  await ensureDatabase(testDatabaseUrl);
  const orm = await openOrm(testDatabaseUrl);
  try {
    await migrate(orm);
    const operators = new OperatorService(orm);
    await operators.ensureInitialAdmin(testAdmin.email, testAdmin.password, '/tmp');
  } finally {
    await orm.close();
  }
}
