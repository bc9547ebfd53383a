import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';

import { LocalDiskBlobStore } from '../../src/storage/local-disk.store';
import { PostgresSmallBlobStore } from '../../src/storage/postgres-small.store';
import { TieredBlobStore } from '../../src/storage/tiered.store';
import { testDatabaseUrl } from '../support/env';
import { describeBlobStoreContract } from './blob-store.contract';

const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 4 });
const roots: string[] = [];

afterAll(async () => {
  await pool.end();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function diskStore() {
  const root = await mkdtemp(join(tmpdir(), 'cairn-tiered-'));
  roots.push(root);
  return { root, disk: new LocalDiskBlobStore(root) };
}

describeBlobStoreContract('postgres small objects', () =>
  Promise.resolve(new PostgresSmallBlobStore(pool)),
);

// A threshold inside the contract suite's sizes, so its cases exercise both stores.
describeBlobStoreContract('tiered (small in postgres, large on disk)', async () => {
  const { disk } = await diskStore();
  return new TieredBlobStore(new PostgresSmallBlobStore(pool), disk, 1000);
});

describe('tiered blob store', () => {
  const put = (store: TieredBlobStore, key: string, bytes: Buffer) => {
    const body = new PassThrough();
    body.end(bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return store.put(key, body, { size: bytes.length, sha256 });
  };

  it('keeps small objects as rows and large ones as files, and finds both', async () => {
    const { root, disk } = await diskStore();
    const store = new TieredBlobStore(new PostgresSmallBlobStore(pool), disk, 4096);
    const prefix = `t${randomBytes(6).toString('hex')}`;
    const small = randomBytes(4096);
    const large = randomBytes(4097);

    await put(store, `${prefix}/u/aa/small`, small);
    await put(store, `${prefix}/u/aa/large`, large);

    await expect(readdir(join(root, prefix, 'u', 'aa'))).resolves.toEqual(['large']);
    const { rows } = await pool.query('select key from small_object where key like $1', [
      `${prefix}/%`,
    ]);
    expect(rows).toEqual([{ key: `${prefix}/u/aa/small` }]);
    await expect(store.stat(`${prefix}/u/aa/small`)).resolves.toMatchObject({ size: 4096 });
    await expect(store.stat(`${prefix}/u/aa/large`)).resolves.toMatchObject({ size: 4097 });
  });

  it('still reads and deletes an object kept in the other store (a changed threshold)', async () => {
    const { disk } = await diskStore();
    const prefix = `t${randomBytes(6).toString('hex')}`;
    const bytes = randomBytes(500);
    await put(
      new TieredBlobStore(new PostgresSmallBlobStore(pool), disk, 100),
      `${prefix}/x`,
      bytes,
    );

    const store = new TieredBlobStore(new PostgresSmallBlobStore(pool), disk, 1000);
    const read = await store.read(`${prefix}/x`);
    const pieces: Buffer[] = [];
    for await (const piece of read) pieces.push(piece as Buffer);
    expect(Buffer.concat(pieces)).toEqual(bytes);

    await store.delete(`${prefix}/x`);
    await expect(store.stat(`${prefix}/x`)).resolves.toBeNull();
  });
});
