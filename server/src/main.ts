import './threadpool';
import { startServer } from './app';
import { loadConfig } from './config';
import { createLogger } from './logger';

/** The process entry point: environment -> config -> server, and a clean stop on signals. */
async function main() {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);

  const password = server.admin.passwordFile
    ? `in ${server.admin.passwordFile} (shown once; mode 0600)`
    : server.admin.created
      ? 'from CAIRN_ADMIN_PASSWORD'
      : 'unchanged (the admin already existed)';
  console.log(
    [
      '',
      '  Cairn is running',
      `  API (GraphQL):  ${server.url}/graphql`,
      `  Console:        ${server.url}/console`,
      `  Admin login:    ${config.adminEmail}`,
      `  Admin password: ${password}`,
      '  Second factor:  at first sign-in the console shows a QR code to enrol a TOTP app',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // A stuck connection must not keep a stopped server alive forever.
    setTimeout(() => {
      log.error('shutdown took over 15 s; exiting anyway');
      process.exit(1);
    }, 15_000).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('cairn-server failed to start:', error);
  process.exit(1);
});
