import { Limits } from '@cairn/schema';
import { createHash } from 'node:crypto';
import { chunkBuffer, FastCdcChunker } from '../src/core/chunker';
import { pseudoRandomBytes } from './support/random';

const MiB = 1024 * 1024;
const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('FastCDC chunker', () => {
  const data = pseudoRandomBytes(20 * MiB, 7);

  it('is deterministic and reassembles to the input', () => {
    const first = chunkBuffer(data);
    const second = chunkBuffer(data);
    expect(first.map(digest)).toEqual(second.map(digest));
    expect(Buffer.concat(first).equals(Buffer.from(data))).toBe(true);
  });

  it('keeps every chunk within the bounds, only the last may be short', () => {
    const chunks = chunkBuffer(data);
    expect(chunks.length).toBeGreaterThan(5);
    chunks.slice(0, -1).forEach((c) => {
      expect(c.length).toBeGreaterThanOrEqual(Limits.chunkMinBytes);
      expect(c.length).toBeLessThanOrEqual(Limits.chunkMaxBytes);
    });
    const mean = data.length / chunks.length;
    expect(mean).toBeGreaterThan(0.6 * Limits.chunkAvgBytes);
    expect(mean).toBeLessThan(2 * Limits.chunkAvgBytes);
  });

  it('cuts at the maximum when the content never matches', () => {
    const zeros = new Uint8Array(10 * MiB);
    const chunks = chunkBuffer(zeros);
    expect(chunks.slice(0, -1).every((c) => c.length === Limits.chunkMaxBytes)).toBe(true);
  });

  it('gives the same chunks however the stream is split into pieces', () => {
    const whole = chunkBuffer(data).map(digest);
    for (const pieceSize of [1, 4096, 65_537, 1_000_003, 5 * MiB]) {
      const input = pieceSize === 1 ? data.subarray(0, 600_000) : data;
      const chunker = new FastCdcChunker();
      // Chunks are views valid until the next one is requested: digest each at once.
      const streamed: string[] = [];
      for (let at = 0; at < input.length; at += pieceSize) {
        for (const chunk of chunker.push(input.subarray(at, at + pieceSize))) {
          streamed.push(digest(chunk));
        }
      }
      for (const chunk of chunker.finish()) streamed.push(digest(chunk));
      const expected = pieceSize === 1 ? chunkBuffer(input).map(digest) : whole;
      expect(streamed).toEqual(expected);
    }
  });

  it('changes only the chunks around an insertion in the middle', () => {
    const middle = 10 * MiB;
    const edited = Buffer.concat([
      data.subarray(0, middle),
      Buffer.from('a few inserted bytes'),
      data.subarray(middle),
    ]);
    const before = chunkBuffer(data).map(digest);
    const after = chunkBuffer(edited).map(digest);
    const kept = after.filter((d) => before.includes(d));
    expect(after.length - kept.length).toBeLessThanOrEqual(2);
    expect(before.length - kept.length).toBeLessThanOrEqual(2);
  });

  it('yields an empty list for an empty stream', () => {
    expect(chunkBuffer(new Uint8Array(0))).toEqual([]);
  });

  it('starts clean after reset, so one chunker serves many files', () => {
    const chunker = new FastCdcChunker();
    // Part of a stream that is abandoned (a file that failed half way).
    expect([...chunker.push(data.subarray(0, 5_000_000))].length).toBeGreaterThan(0);
    chunker.reset();
    const again: string[] = [];
    for (const chunk of chunker.push(data)) again.push(digest(chunk));
    for (const chunk of chunker.finish()) again.push(digest(chunk));
    expect(again).toEqual(chunkBuffer(data).map(digest));
  });

  it('refuses bounds out of order', () => {
    expect(() => new FastCdcChunker({ minSize: 10, avgSize: 5, maxSize: 20 })).toThrow(RangeError);
  });
});
