import type { FileInfo, FileSource, SkippedEntry } from './ports';

/** Files up to this size are read whole ahead of their turn. */
const smallFileBytes = 1024 * 1024;

/**
 * Reads small files ahead of the (one at a time) chunking loop, several at once, so a folder
 * of thousands of notes does not wait for each open/read/close in turn. Reading early changes
 * nothing about change detection: the reader still compares the file's stat after it read.
 */
export class ReadAheadSource implements FileSource {
  private readonly ahead = new Map<string, Promise<Uint8Array | null>>();

  constructor(private readonly source: FileSource) {}

  walk(onSkip?: (entry: SkippedEntry) => void) {
    return this.source.walk(onSkip);
  }

  stat(relativePath: string) {
    return this.source.stat(relativePath);
  }

  /** Starts reading these files whole, unless they are large or already started. */
  prefetch(files: readonly FileInfo[]): void {
    for (const file of files) {
      if (file.size > smallFileBytes || this.ahead.has(file.relativePath)) continue;
      this.ahead.set(file.relativePath, this.readEarly(file.relativePath));
    }
  }

  async *read(relativePath: string): AsyncIterable<Uint8Array> {
    const early = this.ahead.get(relativePath);
    this.ahead.delete(relativePath);
    const bytes = early ? await early : null;
    if (bytes) {
      yield bytes;
      return;
    }
    yield* this.source.read(relativePath);
  }

  /** Null on any failure: the normal read then meets (and reports) it in its turn. */
  private async readEarly(relativePath: string): Promise<Uint8Array | null> {
    try {
      if (this.source.readWhole) return await this.source.readWhole(relativePath);
      const pieces: Uint8Array[] = [];
      for await (const piece of this.source.read(relativePath)) pieces.push(piece.slice());
      const whole = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
      let offset = 0;
      for (const piece of pieces) {
        whole.set(piece, offset);
        offset += piece.length;
      }
      return whole;
    } catch {
      return null;
    }
  }
}
