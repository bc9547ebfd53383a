import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';

import type { BlobStore } from '../../src/storage/blob-store';
import { BlobMismatchError, BlobNotFoundError } from '../../src/storage/blob-store';

/** The behaviour every blob store driver must show; each driver's test file runs this suite. */
export function describeBlobStoreContract(name: string, makeStore: () => Promise<BlobStore>) {
  describe(`${name} blob store contract`, () => {
    let store: BlobStore;
    let prefix: string;

    beforeEach(async () => {
      store = await makeStore();
      prefix = `t${randomBytes(6).toString('hex')}`;
    });

    const keyOf = (bytes: Buffer) => `${prefix}/u1/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`;

    it('stores an object and reads it back whole and by byte range', async () => {
      const bytes = randomBytes(300_000);
      const key = keyOf(bytes);

      await expect(store.put(key, streamOf(bytes), expectationOf(bytes))).resolves.toEqual({
        created: true,
      });

      const before = Date.now() - 60_000;
      const stat = await store.stat(key);
      expect(stat?.size).toBe(bytes.length);
      expect(stat?.modifiedAt.getTime()).toBeGreaterThan(before);
      expect(stat?.modifiedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      expect(await readAll(await store.read(key))).toEqual(bytes);
      expect(await readAll(await store.read(key, { start: 1000, end: 1999 }))).toEqual(
        bytes.subarray(1000, 2000),
      );
    });

    it('accepts the same object twice without rewriting it', async () => {
      const bytes = randomBytes(1000);
      const key = keyOf(bytes);
      await store.put(key, streamOf(bytes), expectationOf(bytes));

      await expect(store.put(key, streamOf(bytes), expectationOf(bytes))).resolves.toEqual({
        created: false,
      });
      expect(await readAll(await store.read(key))).toEqual(bytes);
    });

    it.each([
      ['shorter', (b: Buffer) => b.subarray(0, b.length - 1), 'size'],
      ['longer', (b: Buffer) => Buffer.concat([b, Buffer.from([0])]), 'size'],
      ['altered', (b: Buffer) => Buffer.from(b.map((x, i) => (i === 7 ? x ^ 1 : x))), 'checksum'],
    ])('refuses a body %s than declared and stores nothing', async (_label, mangle, reason) => {
      const bytes = randomBytes(5000);
      const key = keyOf(bytes);

      const attempt = store.put(key, streamOf(mangle(bytes)), expectationOf(bytes));

      await expect(attempt).rejects.toBeInstanceOf(BlobMismatchError);
      await expect(attempt).rejects.toMatchObject({ reason });
      await expect(store.stat(key)).resolves.toBeNull();
    });

    it('stores nothing when the body stream fails half way', async () => {
      const bytes = randomBytes(10_000);
      const key = keyOf(bytes);
      const body = new PassThrough();
      body.write(bytes.subarray(0, 4000));
      setImmediate(() => body.destroy(new Error('connection reset')));

      await expect(store.put(key, body, expectationOf(bytes))).rejects.toThrow('connection reset');
      await expect(store.stat(key)).resolves.toBeNull();
    });

    it('answers a missing object with null stat and BlobNotFoundError on read', async () => {
      const key = `${prefix}/u1/00/${'0'.repeat(64)}`;
      await expect(store.stat(key)).resolves.toBeNull();
      await expect(store.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('deletes objects, and deleting a missing one is harmless', async () => {
      const bytes = randomBytes(100);
      const key = keyOf(bytes);
      await store.put(key, streamOf(bytes), expectationOf(bytes));

      await store.delete(key);
      await store.delete(key);

      await expect(store.stat(key)).resolves.toBeNull();
    });

    it('lists the keys under a prefix', async () => {
      const objects = [randomBytes(10), randomBytes(20), randomBytes(30)];
      for (const bytes of objects)
        await store.put(keyOf(bytes), streamOf(bytes), expectationOf(bytes));

      const keys: string[] = [];
      for await (const key of store.list(prefix)) keys.push(key);

      expect(keys.sort()).toEqual(objects.map(keyOf).sort());
    });

    it('stores many objects at once, each checked on its own', async () => {
      const [good, stored, bad] = [randomBytes(700), randomBytes(900), randomBytes(800)];
      await store.put(keyOf(stored), streamOf(stored), expectationOf(stored));
      const altered = Buffer.from(bad.map((x, i) => (i === 3 ? x ^ 1 : x)));

      const results = await store.putMany([
        { key: keyOf(good), bytes: good, expected: expectationOf(good) },
        { key: keyOf(stored), bytes: stored, expected: expectationOf(stored) },
        { key: keyOf(bad), bytes: altered, expected: expectationOf(bad) },
        { key: keyOf(good), bytes: good, expected: expectationOf(good) },
        { key: '../escape', bytes: good, expected: expectationOf(good) },
      ]);

      expect(results.slice(0, 2)).toEqual([{ created: true }, { created: false }]);
      expect((results[2] as { error: unknown }).error).toBeInstanceOf(BlobMismatchError);
      expect(results[3]).toEqual({ created: false });
      expect(String((results[4] as { error: unknown }).error)).toContain('invalid blob key');
      expect(await readAll(await store.read(keyOf(good)))).toEqual(good);
      await expect(store.stat(keyOf(bad))).resolves.toBeNull();
    });

    it('stores a putMany of more objects than one statement takes', async () => {
      const objects = Array.from({ length: 1500 }, (_, i) => randomBytes(16 + (i % 5)));
      const items = objects.map((bytes) => ({
        key: keyOf(bytes),
        bytes,
        expected: expectationOf(bytes),
      }));

      const results = await store.putMany(items);

      expect(results.every((result) => 'created' in result && result.created)).toBe(true);
      const last = objects[objects.length - 1]!;
      expect(await readAll(await store.read(keyOf(last)))).toEqual(last);
    });

    it('answers an empty putMany with no results', async () => {
      await expect(store.putMany([])).resolves.toEqual([]);
    });

    it('refuses keys that could escape the store', async () => {
      const bytes = randomBytes(10);
      for (const key of ['../x', `${prefix}/../../x`, '/abs', `${prefix}//x`]) {
        await expect(store.put(key, streamOf(bytes), expectationOf(bytes))).rejects.toThrow(
          'invalid blob key',
        );
      }
    });
  });
}

function sha256(bytes: Buffer) {
  return createHash('sha256').update(bytes).digest('hex');
}

function expectationOf(bytes: Buffer) {
  return { size: bytes.length, sha256: sha256(bytes) };
}

function streamOf(bytes: Buffer): Readable {
  const stream = new PassThrough();
  stream.end(bytes);
  return stream;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}
