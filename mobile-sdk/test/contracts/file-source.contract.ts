import { createHash } from 'node:crypto';
import type { FileSource } from '../../src/core/ports';

export interface SourceFixture {
  source: FileSource;
  /** Writes a file under the source's root; the contract decides names and bytes. */
  write: (relativePath: string, bytes: Uint8Array) => Promise<void>;
}

const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** What the core expects of every platform's FileSource; each adapter runs this suite. */
export function fileSourceContract(name: string, make: () => Promise<SourceFixture>) {
  describe(`FileSource contract: ${name}`, () => {
    it('walks every regular file once, with "/" paths, sizes, and a stable order', async () => {
      const { source, write } = await make();
      await write('b/two.bin', new Uint8Array(10));
      await write('a.txt', new Uint8Array(3));
      await write('b/c/three.bin', new Uint8Array(0));
      const walk = async () => {
        const seen: [string, number][] = [];
        for await (const f of source.walk()) seen.push([f.relativePath, f.size]);
        return seen;
      };
      const first = await walk();
      expect(first.map(([p]) => p).sort()).toEqual(['a.txt', 'b/c/three.bin', 'b/two.bin']);
      expect(Object.fromEntries(first)).toEqual({
        'a.txt': 3,
        'b/two.bin': 10,
        'b/c/three.bin': 0,
      });
      expect(await walk()).toEqual(first);
    });

    it('streams a large file in pieces that add up to its bytes', async () => {
      const { source, write } = await make();
      const bytes = createHash('sha512').update('seed').digest();
      const big = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => bytes[i % bytes.length]!);
      await write('big.bin', big);
      const hash = createHash('sha256');
      let pieces = 0;
      for await (const piece of source.read('big.bin')) {
        hash.update(piece);
        pieces++;
      }
      expect(pieces).toBeGreaterThan(1);
      expect(hash.digest('hex')).toBe(digest(big));
    });

    it('stats a file with the same identity as the walk, and fails a missing one with a code', async () => {
      const { source, write } = await make();
      await write('x.txt', new Uint8Array(5));
      const walked: unknown[] = [];
      for await (const f of source.walk()) walked.push(f);
      expect(await source.stat('x.txt')).toEqual(walked[0]);
      await expect(source.stat('nope.txt')).rejects.toMatchObject({ code: 'IO_ERROR' });
    });
  });
}
