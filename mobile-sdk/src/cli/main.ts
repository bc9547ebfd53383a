#!/usr/bin/env node
import { Command } from 'commander';
import { backup, login, restore, status, versions } from './commands';
import { printError } from './output';
import { resolveHome } from '../node/home';
import { startMemoryGuard } from '../node/memory-guard';

// The benchmark allows the CLI 300 MB of RSS; collecting once the heap and buffers pass 128 MB
// keeps it well under, with room for a burst.
startMemoryGuard(Number(process.env.CAIRN_GC_ABOVE_MB ?? 128) * 1024 * 1024);

const program = new Command('cairn')
  .description('Back up and restore folders with Cairn')
  .option('--home <dir>', 'state folder (default: $CAIRN_HOME or ~/.cairn)')
  .showHelpAfterError();

const home = (): string => resolveHome(program.opts<{ home?: string }>().home);

/** Runs a command, turning any failure into one line on stderr and a non-zero exit. */
const run =
  <A extends unknown[]>(command: (...args: A) => Promise<number>) =>
  async (...args: A): Promise<void> => {
    let code: number;
    try {
      code = await command(...args);
    } catch (error) {
      printError(error);
      code = 1;
    }
    // Pending keep-alive sockets must not hold the process open after the answer is out.
    process.stdout.write('', () => process.exit(code));
  };

program
  .command('login')
  .description('register this machine as a device of a user')
  .requiredOption('--server <url>', 'Cairn server URL')
  .option('--api-key <key>', 'tenant API key, to mint a user token')
  .option('--user <externalId>', "the partner app's id for the user (with --api-key)")
  .option('--token <userToken>', 'an end-user token minted by the partner backend')
  .option('--device-name <name>', 'name shown in the console')
  .option('--json', 'print one JSON object')
  .action(run((options: Parameters<typeof login>[1]) => login(home(), options)));

program
  .command('backup <dir>')
  .description('back up a folder into the library')
  .option('--as <libraryFolder>', 'library folder (default: the folder name)')
  .option(
    '--mirror-deletions',
    'move files deleted from the folder since the last backup to trash on the server',
  )
  .option('--rebind', 'the library folder now holds this folder (the old one moved here)')
  .option('--json', 'print one JSON summary')
  .action(
    run((dir: string, options: Parameters<typeof backup>[2]) => backup(home(), dir, options)),
  );

program
  .command('restore <dest>')
  .description('restore library files to <dest>/<library path>')
  .option('--path <libraryPathOrPrefix>', 'one file or folder of the library')
  .option('--overwrite', 'restore into a folder that already holds files, replacing them')
  .option('--version <versionId>', 'one version of one file (see cairn versions)')
  .option('--at <isoTime>', 'the library (or --path) as it was at this time')
  .option('--json', 'print one JSON summary')
  .action(
    run((dest: string, options: Parameters<typeof restore>[2]) => restore(home(), dest, options)),
  );

program
  .command('status')
  .description('show server, device, user and journal')
  .option('--json', 'print one JSON object')
  .action(run((options: Parameters<typeof status>[1]) => status(home(), options)));

program
  .command('versions <libraryPath>')
  .description("list a file's versions")
  .option('--json', 'print one JSON object')
  .action(
    run((path: string, options: Parameters<typeof versions>[2]) => versions(home(), path, options)),
  );

program.parseAsync().catch((error: unknown) => {
  printError(error);
  process.exit(1);
});
