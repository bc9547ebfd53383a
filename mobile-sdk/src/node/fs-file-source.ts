import { readdirSync, statSync, type BigIntStats, type Dirent } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { FileInfo, FileSource, SkippedEntry } from '../core/ports';
import { CairnError, SdkErrorCode } from '../core/errors';
import { livePhotoGroups } from './live-photos';

const readSize = 1024 * 1024;

/** Ends left by an interrupted restore into the same folder; never backed up. */
const partialSuffix = '.cairn-partial';

/** Reads a folder on a local disk. The asset id is the inode, stable across renames. */
export class FsFileSource implements FileSource {
  /** A read buffer kept between files; a concurrent second read allocates its own. */
  private spare: Uint8Array | null = null;

  constructor(private readonly root: string) {}

  /**
   * Depth-first, names sorted, with synchronous directory reads and stats: a scan runs before
   * any upload, so nothing waits on the event loop, and a no-change run over thousands of files
   * is mostly this walk.
   */
  *walk(onSkip?: (entry: SkippedEntry) => void): Iterable<FileInfo> {
    const folders = [''];
    for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
      const entries = this.unlessUnreadable(folder, onSkip, () => this.readFolder(folder));
      if (!entries) continue;
      const fileNames = entries.filter((e) => e.isFile()).map((e) => e.name);
      const groups = livePhotoGroups(folder, fileNames);
      const subfolders: string[] = [];
      for (const entry of entries) {
        const path = folder ? `${folder}/${entry.name}` : entry.name;
        if (entry.isDirectory()) subfolders.push(path);
        else if (entry.isFile()) {
          if (entry.name.endsWith(partialSuffix)) continue;
          const info = this.unlessUnreadable(path, onSkip, () => this.statNow(path));
          const group = groups.get(entry.name);
          if (info) yield group ? { ...info, assetGroup: group } : info;
        } else {
          onSkip?.({ relativePath: path, reason: entry.isSymbolicLink() ? 'link' : 'special' });
        }
      }
      folders.push(...subfolders.reverse());
    }
  }

  /** What `read` answers, or null once an unreadable entry is told to `onSkip` (never the root). */
  private unlessUnreadable<T>(
    path: string,
    onSkip: ((entry: SkippedEntry) => void) | undefined,
    read: () => T,
  ): T | null {
    try {
      return read();
    } catch (error) {
      if (!onSkip || path === '') throw error;
      const message = error instanceof Error ? error.message : String(error);
      onSkip({ relativePath: path, reason: 'unreadable', message });
      return null;
    }
  }

  private readFolder(folder: string): Dirent[] {
    try {
      const entries = readdirSync(this.absolute(folder), { withFileTypes: true });
      return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      throw ioError(folder || '.', error);
    }
  }

  private statNow(path: string): FileInfo {
    try {
      return toInfo(path, statSync(this.absolute(path), { bigint: true }));
    } catch (error) {
      throw ioError(path, error);
    }
  }

  async stat(relativePath: string): Promise<FileInfo> {
    try {
      return toInfo(relativePath, await stat(this.absolute(relativePath), { bigint: true }));
    } catch (error) {
      throw ioError(relativePath, error);
    }
  }

  async readWhole(relativePath: string): Promise<Uint8Array> {
    try {
      return await readFile(this.absolute(relativePath));
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

function toInfo(relativePath: string, s: BigIntStats): FileInfo {
  return {
    relativePath,
    size: Number(s.size),
    mtimeMs: Number(s.mtimeNs / 1000n) / 1000,
    assetId: `${s.dev}:${s.ino}`,
  };
}

function ioError(path: string, error: unknown): CairnError {
  const message = error instanceof Error ? error.message : String(error);
  return new CairnError(SdkErrorCode.IoError, `${path}: ${message}`);
}
