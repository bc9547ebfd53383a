import { ReadAheadSource } from '../src/core/read-ahead';
import type { FileInfo, FileSource } from '../src/core/ports';

/** A source over a map of files that counts reads; a missing file fails like a vanished one. */
function mapSource(files: Map<string, Uint8Array>) {
  const reads: string[] = [];
  const info = (relativePath: string): FileInfo => ({
    relativePath,
    size: files.get(relativePath)?.length ?? 0,
    mtimeMs: 1,
    assetId: null,
  });
  const source: FileSource = {
    walk: () => [...files.keys()].map(info),
    stat: (path) => Promise.resolve(info(path)),
    async *read(path) {
      reads.push(path);
      const bytes = files.get(path);
      await Promise.resolve();
      if (!bytes) throw new Error(`${path} is gone`);
      yield bytes.subarray(0, 1);
      yield bytes.subarray(1);
    },
  };
  return { source, reads, info };
}

const collect = async (pieces: AsyncIterable<Uint8Array>) => {
  const out: number[] = [];
  for await (const piece of pieces) out.push(...piece);
  return out;
};

describe('ReadAheadSource', () => {
  it('serves a prefetched small file from memory, once', async () => {
    const files = new Map([['a.txt', new Uint8Array([1, 2, 3])]]);
    const { source, reads, info } = mapSource(files);
    const ahead = new ReadAheadSource(source);

    ahead.prefetch([info('a.txt')]);
    files.set('a.txt', new Uint8Array([9, 9, 9]));

    expect(await collect(ahead.read('a.txt'))).toEqual([1, 2, 3]);
    expect(reads).toEqual(['a.txt']);
    // Consumed: a second read (the reader's retry after a change) goes to the disk again.
    expect(await collect(ahead.read('a.txt'))).toEqual([9, 9, 9]);
  });

  it('leaves a failed early read to the normal read, which reports it', async () => {
    const { source, info } = mapSource(new Map());
    const ahead = new ReadAheadSource(source);
    ahead.prefetch([info('gone.txt')]);
    await expect(collect(ahead.read('gone.txt'))).rejects.toThrow('gone.txt is gone');
  });

  it('does not read large files ahead', () => {
    const { source, reads } = mapSource(new Map([['big.bin', new Uint8Array(4)]]));
    const ahead = new ReadAheadSource(source);
    ahead.prefetch([{ relativePath: 'big.bin', size: 2 * 1024 * 1024, mtimeMs: 1, assetId: null }]);
    expect(reads).toEqual([]);
  });
});
