import { mkdir, open, rename, rm, utimes } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import type { FileSink, SinkWriter } from '../core/ports';
import { CairnError, SdkErrorCode } from '../core/errors';
import { ErrorCode } from '@cairn/schema';

export const partialSuffix = '.cairn-partial';

/** What file systems answer for a name they cannot hold (FAT and exFAT cards, SMB shares). */
const nameErrors = new Set(['EINVAL', 'EILSEQ', 'ENAMETOOLONG']);

/**
 * Writes restored files under a destination folder. Bytes go to `<name>.cairn-partial` and
 * reach the real name only by an atomic rename after fsync, so an interrupted restore never
 * leaves a truncated file under the real name.
 */
export class FsFileSink implements FileSink {
  constructor(private readonly root: string) {}

  async open(relativePath: string, keepBytes = 0): Promise<SinkWriter> {
    const target = this.target(relativePath);
    const partial = target + partialSuffix;
    try {
      await mkdir(dirname(target), { recursive: true });
      // Only bytes the caller verified are kept; the rest of a stale partial is cut off.
      const handle = await open(partial, keepBytes > 0 ? 'r+' : 'w');
      await handle.truncate(keepBytes);
      return new FsSinkWriter(handle, partial, target, keepBytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const refusedName = code !== undefined && nameErrors.has(code);
      throw new CairnError(
        refusedName ? SdkErrorCode.NameNotHeld : SdkErrorCode.IoError,
        `${relativePath}: ${String(error)}`,
      );
    }
  }

  async readPartial(relativePath: string, offset: number, length: number) {
    let handle: FileHandle | undefined;
    try {
      handle = await open(this.target(relativePath) + partialSuffix, 'r');
      const buffer = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await handle.read(buffer, got, length - got, offset + got);
        if (bytesRead === 0) return null;
        got += bytesRead;
      }
      return buffer;
    } catch {
      return null;
    } finally {
      await handle?.close();
    }
  }

  private target(relativePath: string): string {
    const target = resolve(this.root, ...relativePath.split('/'));
    const inside = relative(resolve(this.root), target);
    if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
      throw new CairnError(ErrorCode.InvalidPath, `${relativePath} is outside the destination`);
    }
    return target;
  }
}

class FsSinkWriter implements SinkWriter {
  private closed = false;

  constructor(
    private readonly handle: FileHandle,
    private readonly partial: string,
    private readonly target: string,
    private position: number,
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, at, bytes.length - at, this.position);
      at += bytesWritten;
      this.position += bytesWritten;
    }
  }

  async commit(mtimeMs?: number): Promise<void> {
    await this.handle.sync();
    await this.close();
    if (mtimeMs !== undefined && Number.isFinite(mtimeMs)) {
      await utimes(this.partial, new Date(), new Date(mtimeMs));
    }
    // No folder fsync: if a crash loses the rename, the synced partial file is still there
    // and the next restore verifies and keeps it.
    await rename(this.partial, this.target);
  }

  async suspend(): Promise<void> {
    await this.handle.sync().catch(() => undefined);
    await this.close();
  }

  async abort(): Promise<void> {
    await this.close();
    await rm(this.partial, { force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
