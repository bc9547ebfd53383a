import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';

import type {
  BlobExpectation,
  BlobPut,
  BlobPutResult,
  BlobStat,
  BlobStore,
  ByteRange,
} from './blob-store';
import { BlobMismatchError, BlobNotFoundError, checkBlobKey, putEach } from './blob-store';
import { DirectorySyncer } from './directory-sync';

/** Body pieces are gathered up to this size and written in one call. */
const writeBatchBytes = 1024 * 1024;
/** Objects of one `putMany` written at once: enough to overlap fsyncs, few enough for the disk. */
const putManyConcurrency = 16;

/**
 * The embedded default store: one file per object under `rootDir`. A write lands in a temporary
 * file, is checked, fsynced and renamed into place, and the folder is fsynced, so a crash leaves
 * either the whole object or none of it under its key.
 */
export class LocalDiskBlobStore implements BlobStore {
  private readonly tmpDir: string;
  private readonly folders = new DirectorySyncer();
  /** Folders known to exist, so a write of a small object does not pay for a mkdir. */
  private readonly madeDirs = new Set<string>();

  constructor(private readonly rootDir: string) {
    this.tmpDir = join(rootDir, '.tmp');
  }

  async put(key: string, body: Readable, expected: BlobExpectation) {
    const finalPath = this.pathOf(key);
    // A client that drops the connection before we start reading must not crash the process;
    // reading the stream below still rejects with its error.
    body.on('error', ignore);
    if (await this.stat(key)) {
      // Content-addressed: the stored object already holds these bytes. Drain the body so the
      // caller's stream finishes cleanly.
      body.resume();
      return { created: false };
    }

    await this.makeDir(this.tmpDir);
    const tmpPath = join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
    try {
      await this.writeChecked(body, tmpPath, key, expected);
      await this.moveInto(tmpPath, finalPath);
      await this.folders.sync(dirname(finalPath));
      return { created: true };
    } catch (error) {
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
  }

  putMany(items: readonly BlobPut[]): Promise<BlobPutResult[]> {
    return putEach(this, items, putManyConcurrency);
  }

  async stat(key: string): Promise<BlobStat | null> {
    try {
      const info = await stat(this.pathOf(key));
      return { size: info.size, modifiedAt: info.mtime };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    const handle = await open(path, 'r').catch((error: unknown) => {
      throw isNotFound(error) ? new BlobNotFoundError(key) : error;
    });
    return createReadStream(path, { fd: handle, ...range });
  }

  async delete(key: string) {
    await unlink(this.pathOf(key)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  async *list(prefix: string): AsyncIterable<string> {
    const start = join(this.rootDir, ...prefix.split('/').filter(Boolean));
    for await (const path of walk(start)) {
      yield relative(this.rootDir, path).split(sep).join('/');
    }
  }

  /**
   * Removes temporary files a crashed process left behind. Only files older than `olderThanMs`
   * go, so a write still in progress is never cut from under its writer.
   */
  async sweepTemporaryFiles(olderThanMs: number): Promise<number> {
    let removed = 0;
    const names = await readdir(this.tmpDir).catch((error: unknown) => {
      if (isNotFound(error)) return [];
      throw error;
    });
    for (const name of names) {
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => null);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await unlink(path).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }

  private async writeChecked(
    body: Readable,
    tmpPath: string,
    key: string,
    expected: BlobExpectation,
  ) {
    const hash = createHash('sha256');
    let size = 0;
    const file = await open(tmpPath, 'wx', 0o600);
    try {
      let batch: Buffer[] = [];
      let batchBytes = 0;
      for await (const piece of body as AsyncIterable<Buffer>) {
        size += piece.length;
        if (size > expected.size) {
          throw new BlobMismatchError(key, 'size', `more than ${expected.size} bytes`);
        }
        hash.update(piece);
        batch.push(piece);
        batchBytes += piece.length;
        if (batchBytes >= writeBatchBytes) {
          await file.writev(batch);
          batch = [];
          batchBytes = 0;
        }
      }
      if (batch.length > 0) await file.writev(batch);
      if (size !== expected.size) {
        throw new BlobMismatchError(key, 'size', `${size} bytes, expected ${expected.size}`);
      }
      const digest = hash.digest('hex');
      if (digest !== expected.sha256) {
        throw new BlobMismatchError(key, 'checksum', `sha256 ${digest}`);
      }
      await file.sync();
    } finally {
      await file.close();
    }
  }

  /** Renames into place, making the object's folder first if it is new (or was removed). */
  private async moveInto(tmpPath: string, finalPath: string) {
    const dir = dirname(finalPath);
    if (this.madeDirs.has(dir)) {
      try {
        await rename(tmpPath, finalPath);
        return;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        this.madeDirs.delete(dir);
      }
    }
    await this.makeDir(dir);
    await rename(tmpPath, finalPath);
  }

  private async makeDir(dir: string) {
    if (this.madeDirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.madeDirs.add(dir);
  }

  private pathOf(key: string): string {
    checkBlobKey(key);
    return join(this.rootDir, ...key.split('/'));
  }
}

async function* walk(dir: string): AsyncIterable<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.name === '.tmp') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

function ignore() {}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
