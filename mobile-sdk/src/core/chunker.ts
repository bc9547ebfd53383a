import { Limits } from '@cairn/schema';

export interface ChunkerOptions {
  minSize: number;
  avgSize: number;
  maxSize: number;
}

export const defaultChunkerOptions: ChunkerOptions = {
  minSize: Limits.chunkMinBytes,
  avgSize: Limits.chunkAvgBytes,
  maxSize: Limits.chunkMaxBytes,
};

/**
 * The gear table is part of the chunk format: changing it moves every boundary and ends dedup
 * against what is already stored. It comes from a fixed-seed generator (splitmix32) so it can
 * be re-derived and checked rather than trusted as a pasted blob.
 */
function gearTable(seed: number): Int32Array {
  const table = new Int32Array(256);
  let state = seed | 0;
  for (let i = 0; i < 256; i++) {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    table[i] = z ^ (z >>> 16);
  }
  return table;
}

const GEAR = gearTable(0x43a1e7);

/**
 * A mask of the top `bits` bits. With `h = (h << 1) + gear[b]`, bit k depends on the last k+1
 * bytes, so the high bits carry the longest window.
 */
function topBits(bits: number): number {
  return (~0 << (32 - bits)) | 0;
}

/**
 * FastCDC with normalised chunking over a stream of byte pieces. Boundaries depend only on
 * content, never on how the stream was split into pieces, so streaming equals whole-buffer.
 */
export class FastCdcChunker {
  private readonly buffer: Uint8Array;
  private length = 0;
  /** Where the boundary search resumes after running out of buffered bytes. */
  private scanned = 0;
  private hash = 0;
  private readonly maskSmall: number;
  private readonly maskLarge: number;

  constructor(private readonly options: ChunkerOptions = defaultChunkerOptions) {
    const { minSize, avgSize, maxSize } = options;
    if (!(0 < minSize && minSize <= avgSize && avgSize <= maxSize)) {
      throw new RangeError('chunker bounds must satisfy 0 < min <= avg <= max');
    }
    const bits = Math.round(Math.log2(avgSize));
    // Normalisation level 2: harder to cut before the average, easier after it.
    this.maskSmall = topBits(Math.min(31, bits + 2));
    this.maskLarge = topBits(Math.max(1, bits - 2));
    this.buffer = new Uint8Array(maxSize);
  }

  /**
   * Feeds a piece; yields every chunk it completes. A yielded chunk is a view into the
   * chunker's buffer, valid only until the loop asks for the next one: copy what you keep.
   */
  *push(piece: Uint8Array): Generator<Uint8Array> {
    let offset = 0;
    while (offset < piece.length) {
      const take = Math.min(this.buffer.length - this.length, piece.length - offset);
      this.buffer.set(piece.subarray(offset, offset + take), this.length);
      this.length += take;
      offset += take;
      let cut: number;
      while ((cut = this.findCut(false)) > 0) {
        yield this.buffer.subarray(0, cut);
        this.consume(cut);
      }
    }
  }

  /** Yields what is left at the end of the stream, then is ready for the next stream. */
  *finish(): Generator<Uint8Array> {
    while (this.length > 0) {
      const cut = this.findCut(true);
      yield this.buffer.subarray(0, cut);
      this.consume(cut);
    }
  }

  /** Forgets any buffered bytes, so one chunker (and its buffer) serves many files. */
  reset(): void {
    this.length = 0;
    this.scanned = 0;
    this.hash = 0;
  }

  private consume(cut: number): void {
    this.buffer.copyWithin(0, cut, this.length);
    this.length -= cut;
    this.scanned = 0;
    this.hash = 0;
  }

  /** Returns the chunk length ending at a boundary, or 0 when more bytes are needed. */
  private findCut(final: boolean): number {
    const { minSize, avgSize, maxSize } = this.options;
    const buf = this.buffer;
    const len = this.length;
    if (len <= minSize) return final ? len : 0;

    let h = this.hash;
    let i = Math.max(this.scanned, minSize);
    const smallEnd = Math.min(len, avgSize);
    const maskS = this.maskSmall;
    for (; i < smallEnd; i++) {
      h = ((h << 1) + GEAR[buf[i]!]!) | 0;
      if ((h & maskS) === 0) return i + 1;
    }
    const largeEnd = Math.min(len, maxSize);
    const maskL = this.maskLarge;
    for (; i < largeEnd; i++) {
      h = ((h << 1) + GEAR[buf[i]!]!) | 0;
      if ((h & maskL) === 0) return i + 1;
    }
    if (len >= maxSize) return maxSize;
    if (final) return len;
    this.scanned = i;
    this.hash = h;
    return 0;
  }
}

/** Splits a whole buffer into owned copies; for tests and small inputs. */
export function chunkBuffer(data: Uint8Array, options?: ChunkerOptions): Uint8Array[] {
  const chunker = new FastCdcChunker(options);
  const chunks: Uint8Array[] = [];
  for (const chunk of chunker.push(data)) chunks.push(chunk.slice());
  for (const chunk of chunker.finish()) chunks.push(chunk.slice());
  return chunks;
}
