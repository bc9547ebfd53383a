import { open, opendir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { FileInfo, FileSource } from '../core/ports';
import { CairnError, SdkErrorCode } from '../core/errors';

const readSize = 1024 * 1024;
const statBatch = 64;

/** Ends left by an interrupted restore into the same folder; never backed up. */
const partialSuffix = '.cairn-partial';

/** Reads a folder on a local disk. The asset id is the inode, stable across renames. */
export class FsFileSource implements FileSource {
  /** A read buffer kept between files; a concurrent second read allocates its own. */
  private spare: Uint8Array | null = null;

  constructor(private readonly root: string) {}

  async *walk(): AsyncIterable<FileInfo> {
    yield* this.walkDir('');
  }

  private async *walkDir(relative: string): AsyncGenerator<FileInfo> {
    const dir = await opendir(join(this.root, relative));
    const names: { name: string; isDir: boolean; isFile: boolean }[] = [];
    for await (const entry of dir) {
      names.push({ name: entry.name, isDir: entry.isDirectory(), isFile: entry.isFile() });
    }
    // Sorted, so runs and tests see files in the same order on every file system.
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files: string[] = [];
    for (const entry of names) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDir) {
        yield* this.statAll(files.splice(0));
        yield* this.walkDir(path);
      } else if (entry.isFile && !entry.name.endsWith(partialSuffix)) files.push(path);
    }
    yield* this.statAll(files);
  }

  /** Stats a folder's files a batch at a time: one by one, a no-change scan waits on each. */
  private async *statAll(paths: string[]): AsyncGenerator<FileInfo> {
    for (let at = 0; at < paths.length; at += statBatch) {
      yield* await Promise.all(paths.slice(at, at + statBatch).map((p) => this.stat(p)));
    }
  }

  async stat(relativePath: string): Promise<FileInfo> {
    try {
      const s = await stat(this.absolute(relativePath), { bigint: true });
      return {
        relativePath,
        size: Number(s.size),
        mtimeMs: Number(s.mtimeNs / 1000n) / 1000,
        assetId: `${s.dev}:${s.ino}`,
      };
    } catch (error) {
      throw ioError(relativePath, error);
    }
  }

  async *read(relativePath: string): AsyncIterable<Uint8Array> {
    let handle;
    try {
      handle = await open(this.absolute(relativePath), 'r');
    } catch (error) {
      throw ioError(relativePath, error);
    }
    // One buffer for the whole file: the consumer copies what it keeps before asking again.
    const buffer = this.spare ?? new Uint8Array(readSize);
    this.spare = null;
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, readSize, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      this.spare = buffer;
      await handle.close();
    }
  }

  private absolute(relativePath: string): string {
    return join(this.root, ...relativePath.split('/'))
      .split('/')
      .join(sep);
  }
}

function ioError(path: string, error: unknown): CairnError {
  const message = error instanceof Error ? error.message : String(error);
  return new CairnError(SdkErrorCode.IoError, `${path}: ${message}`);
}
