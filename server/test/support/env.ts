export const testDatabaseUrl =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cairn_test';

export const testAdmin = { email: 'admin@cairn.test', password: 'test-admin-password-1' };
