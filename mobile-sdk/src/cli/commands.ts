import { BackupEngine } from '../core/backup.engine';
import { mirrorDeletions, type MirrorReport } from '../core/deletion-mirror';
import { RestoreEngine } from '../core/restore.engine';
import {
  FileByPathDocument,
  MintUserTokenDocument,
  RegisterDeviceDocument,
  VersionsDocument,
  ViewerDocument,
} from '../generated/operations';
import { CairnError, SdkErrorCode } from '../core/errors';
import { sdkVersion } from '../core/version';
import { FsFileSink } from '../node/fs-file-sink';
import { FsFileSource } from '../node/fs-file-source';
import { CairnHome } from '../node/home';
import { nodeCrypto } from '../node/node-crypto';
import { WorkerSealer } from '../node/worker-sealer';
import { apiFor, openSession } from '../node/session';
import { humanBytes, printJson, progressBar, type OutputOptions } from './output';
import { basename, join, resolve } from 'node:path';
import { availableParallelism, hostname } from 'node:os';
import { mkdir, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import type { CairnApi } from '../core/api';
import type { SkippedEntry } from '../core/ports';

export interface LoginOptions extends OutputOptions {
  server: string;
  apiKey?: string;
  user?: string;
  token?: string;
  deviceName?: string;
}

export async function login(homeDir: string, options: LoginOptions): Promise<number> {
  checkServerUrl(options.server);
  let userToken = options.token;
  if (!userToken) {
    if (!options.apiKey || !options.user) {
      throw new CairnError('BAD_USER_INPUT', 'give --token, or --api-key with --user');
    }
    const minted = await apiFor(options.server, options.apiKey).request(MintUserTokenDocument, {
      externalId: options.user,
    });
    userToken = minted.mintUserToken.token;
  }

  const deviceName = options.deviceName ?? `cairn-cli@${hostname()}`;
  const api = apiFor(options.server, userToken);
  const { registerDevice } = await api.request(RegisterDeviceDocument, {
    input: { name: deviceName, platform: `cli-${process.platform}`, appVersion: sdkVersion },
  });

  const home = new CairnHome(homeDir);
  await home.saveKey(registerDevice.userKey);
  await home.saveConfig({
    server: api.serverUrl,
    tenantId: registerDevice.device.tenantId,
    userId: registerDevice.device.userId,
    deviceId: registerDevice.device.id,
    deviceName: registerDevice.device.name,
    deviceToken: registerDevice.deviceToken,
    keyId: registerDevice.userKey.keyId,
  });

  const answer = { deviceId: registerDevice.device.id, userId: registerDevice.device.userId };
  if (options.json) printJson(answer);
  else process.stdout.write(`Logged in as device ${answer.deviceId} (user ${answer.userId})\n`);
  return 0;
}

export interface BackupOptions extends OutputOptions {
  as?: string;
  mirrorDeletions?: boolean;
  rebind?: boolean;
}

const skipReasons: Record<SkippedEntry['reason'], string> = {
  link: 'a symbolic link (links are not followed or stored)',
  special: 'not a regular file (pipe, socket or device)',
  unreadable: 'could not be read',
};

export async function backup(
  homeDir: string,
  dir: string,
  options: BackupOptions,
): Promise<number> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new CairnError(SdkErrorCode.IoError, `${dir} does not exist`);
  if (!info.isDirectory()) throw new CairnError(SdkErrorCode.IoError, `${dir} is not a folder`);
  const root = await realpath(dir);
  const session = await openSession(homeDir);
  // Even a run with nothing to send asks the server, so a revoked device hears it at once.
  await checkCredential(session.api);
  const libraryFolder = (options.as ?? basename(root)).replace(/^\/+|\/+$/g, '');
  await session.home.claimFolder(session.config.deviceId, libraryFolder, root, !!options.rebind);
  const journal = await session.openJournal();
  const threads = sealThreads();
  const sealer = threads > 0 ? new WorkerSealer(session.keys, threads) : undefined;
  try {
    const engine = new BackupEngine(
      {
        api: session.api,
        crypto: nodeCrypto,
        keys: session.keys,
        source: new FsFileSource(root),
        journal,
        sealer,
      },
      { libraryFolder },
    );
    let filesInTrash = 0;
    engine.events.on('fileTrashed', () => filesInTrash++);
    const bar = progressBar(options, 'backup ');
    engine.events.on('scanProgress', (e) => bar?.setTotal(e.bytesToRead));
    engine.events.on('bytesHashed', (e) => bar?.increment(e.bytes));
    bar?.start(0, 0);
    const report = await engine.run().finally(() => bar?.stop());
    const mirrored = options.mirrorDeletions
      ? await mirrorDeletions(
          { api: session.api, source: new FsFileSource(root), journal },
          libraryFolder,
        )
      : null;
    const failures = [...report.failures, ...(mirrored?.failures ?? [])];

    if (options.json) printJson({ ...report, filesInTrash, deletionsMirrored: mirrored });
    else {
      process.stdout.write(
        `${report.filesScanned} files scanned, ${report.filesSkipped} unchanged, ` +
          `${report.filesCommitted} committed, ${report.filesFailed} failed; ` +
          `${report.chunksUploaded}/${report.chunksTotal} chunks sent ` +
          `(${humanBytes(report.bytesUploaded)}) in ${(report.durationMs / 1000).toFixed(1)} s\n`,
      );
      if (report.filesMoved > 0) {
        process.stdout.write(`${report.filesMoved} files moved or renamed, no content sent\n`);
      }
      if (filesInTrash > 0) {
        process.stdout.write(`${filesInTrash} unchanged files are in trash and were not sent\n`);
      }
      if (mirrored) process.stdout.write(mirrorLine(mirrored));
      for (const entry of report.entriesSkipped) {
        process.stderr.write(
          `warning: not backed up: ${entry.relativePath}: ${skipReasons[entry.reason]}\n`,
        );
      }
      for (const f of failures)
        process.stderr.write(`failed: ${f.path}: ${f.message} (${f.code})\n`);
    }
    return failures.length > 0 ? 1 : 0;
  } finally {
    await Promise.all([journal.close(), sealer?.close()]);
  }
}

/**
 * `CAIRN_SEAL_THREADS` threads seal chunks while the main thread reads, chunks and sends; by
 * default none, as on a two-core machine shared with the server the copies, messages and a
 * second heap cost more (CPU and ~80 MB of RSS) than the overlap gained. "auto" takes one per
 * core beyond the first, up to two.
 */
function sealThreads(): number {
  const chosen = process.env.CAIRN_SEAL_THREADS ?? '0';
  if (chosen === 'auto') return Math.max(0, Math.min(2, availableParallelism() - 1));
  const threads = Number(chosen);
  if (!Number.isInteger(threads) || threads < 0 || threads > 16) {
    throw new CairnError(
      'BAD_USER_INPUT',
      `CAIRN_SEAL_THREADS must be "auto" or a whole number from 0 to 16, not "${chosen}"`,
    );
  }
  return threads;
}

export interface RestoreOptions extends OutputOptions {
  path?: string;
  overwrite?: boolean;
  /** One version of one file. */
  version?: string;
  /** The library (or --path) as it was at this time. */
  at?: string;
}

/** Left in a destination while a restore into it is unfinished, so a re-run may resume there. */
const restoreMarker = '.cairn-restore-in-progress';

export async function restore(
  homeDir: string,
  dest: string,
  options: RestoreOptions,
): Promise<number> {
  const at = checkRestoreChoice(options);
  const session = await openSession(homeDir);
  const target = resolve(dest);
  await claimDestination(target, options.overwrite === true);
  const engine = new RestoreEngine(
    {
      api: session.api,
      crypto: nodeCrypto,
      keys: session.keys,
      sink: new FsFileSink(target),
    },
    { pathPrefix: options.path ?? null, at, versionId: options.version ?? null },
  );
  const bar = progressBar(options, 'restore');
  engine.events.on('planned', (e) => bar?.setTotal(e.bytes));
  engine.events.on('bytesWritten', (e) => bar?.increment(e.bytes));
  bar?.start(0, 0);
  const report = await engine.run().finally(() => bar?.stop());
  if (report.filesFailed === 0) await rm(join(target, restoreMarker), { force: true });
  if (options.path && report.filesRestored + report.filesFailed === 0) {
    throw new CairnError('NOT_FOUND', `nothing in the library at ${options.path}`);
  }

  if (options.json) printJson(report);
  else {
    process.stdout.write(
      `${report.filesRestored} files restored (${humanBytes(report.bytesWritten)}), ` +
        `${report.filesFailed} failed in ${(report.durationMs / 1000).toFixed(1)} s\n`,
    );
    for (const { path, restoredAs } of report.renamed) {
      process.stderr.write(
        `renamed: ${path} -> ${restoredAs} (the destination refuses the name)\n`,
      );
    }
    for (const f of report.failures)
      process.stderr.write(`failed: ${f.path}: ${f.message} (${f.code})\n`);
  }
  return report.filesFailed > 0 ? 1 : 0;
}

export async function status(homeDir: string, options: OutputOptions): Promise<number> {
  const session = await openSession(homeDir);
  const { viewer } = await session.api.request(ViewerDocument, {});
  const journal = await session.openJournal();
  const journalEntries = journal.size();
  await journal.close();
  const answer = {
    server: session.config.server,
    deviceId: viewer.deviceId,
    deviceName: session.config.deviceName,
    userId: viewer.userId,
    tenantId: viewer.tenantId,
    keyId: session.keys.keyId,
    journalEntries,
  };
  if (options.json) printJson(answer);
  else
    for (const [k, v] of Object.entries(answer))
      process.stdout.write(`${k.padEnd(16)}${String(v)}\n`);
  return 0;
}

export async function versions(
  homeDir: string,
  path: string,
  options: OutputOptions,
): Promise<number> {
  const session = await openSession(homeDir);
  const { fileByPath } = await session.api.request(FileByPathDocument, { path });
  if (!fileByPath) throw new CairnError('NOT_FOUND', `${path} is not in the library`);
  const page = await session.api.request(VersionsDocument, { fileId: fileByPath.id, limit: 100 });
  const items = page.versions.items;
  if (options.json)
    printJson({
      path: fileByPath.path,
      fileId: fileByPath.id,
      total: page.versions.total,
      versions: items,
    });
  else {
    for (const v of items) {
      const head = v.id === fileByPath.head?.id ? ' (head)' : v.deleted ? ' (deleted)' : '';
      process.stdout.write(
        `${v.seq.padStart(6)}  ${v.id}  ${humanBytes(Number(v.size)).padStart(10)}  ${v.createdAt}${head}\n`,
      );
    }
  }
  return 0;
}

function mirrorLine(mirrored: MirrorReport): string {
  const kept = mirrored.filesKeptChanged;
  return (
    `${mirrored.filesTrashed} files deleted here moved to trash on the server` +
    (kept > 0 ? `, ${kept} kept (changed by another device since)` : '') +
    '\n'
  );
}

/** --version names one file already; --at must be a time. Answers the time as ISO, or null. */
function checkRestoreChoice(options: RestoreOptions): string | null {
  if (options.version && (options.at || options.path)) {
    throw new CairnError('BAD_USER_INPUT', '--version restores one version: drop --at and --path');
  }
  if (options.at === undefined) return null;
  const time = Date.parse(options.at);
  if (Number.isNaN(time)) {
    throw new CairnError('BAD_USER_INPUT', `--at must be an ISO time, not "${options.at}"`);
  }
  return new Date(time).toISOString();
}

function checkServerUrl(server: string): void {
  let url: URL | null = null;
  try {
    url = new URL(server);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CairnError('BAD_USER_INPUT', `--server must be an http(s) URL, not "${server}"`);
  }
}

async function checkCredential(api: CairnApi): Promise<void> {
  try {
    await api.request(ViewerDocument, {});
  } catch (error) {
    if (error instanceof CairnError && error.code === 'UNAUTHENTICATED') {
      throw new CairnError(
        'UNAUTHENTICATED',
        'the server refused this device (revoked, or its login is no longer valid): ' +
          'run cairn login',
      );
    }
    throw error;
  }
}

/**
 * A restore never replaces local files unasked: it goes into an empty folder, into one an
 * unfinished restore left (its marker says so), or anywhere with --overwrite.
 */
async function claimDestination(target: string, overwrite: boolean): Promise<void> {
  const entries: string[] = await readdir(target).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0 && !entries.includes(restoreMarker) && !overwrite) {
    throw new CairnError(
      SdkErrorCode.TargetNotEmpty,
      `${target} is not empty and a restore could replace files there: ` +
        'choose an empty folder, or pass --overwrite',
    );
  }
  await mkdir(target, { recursive: true });
  await writeFile(join(target, restoreMarker), '');
}
