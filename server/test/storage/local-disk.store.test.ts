import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { LocalDiskBlobStore } from '../../src/storage/local-disk.store';
import { describeBlobStoreContract } from './blob-store.contract';

const roots: string[] = [];

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function makeStore() {
  const root = await mkdtemp(join(tmpdir(), 'cairn-blobs-'));
  roots.push(root);
  return new LocalDiskBlobStore(root);
}

describeBlobStoreContract('local disk', makeStore);

describe('local disk blob store', () => {
  it('leaves no temporary file behind after a refused write', async () => {
    const store = await makeStore();
    const root = roots[roots.length - 1] as string;
    const body = new PassThrough();
    body.end(Buffer.from('hello'));

    await expect(
      store.put('t/u/aa/x', body, { size: 5, sha256: '0'.repeat(64) }),
    ).rejects.toThrow();

    await expect(readdir(join(root, '.tmp'))).resolves.toEqual([]);
  });

  it('makes a folder again when it was removed after the store first made it', async () => {
    const store = await makeStore();
    const root = roots[roots.length - 1] as string;
    const bytes = Buffer.from('one object');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const second = Buffer.from('another object');
    const sha256b = createHash('sha256').update(second).digest('hex');
    await store.put('t/u/aa/one', PassThrough.from([bytes]), { size: bytes.length, sha256 });
    await rm(join(root, 't', 'u', 'aa'), { recursive: true });

    await store.put('t/u/aa/two', PassThrough.from([second]), {
      size: second.length,
      sha256: sha256b,
    });
    await expect(readdir(join(root, 't', 'u', 'aa'))).resolves.toEqual(['two']);
  });

  it('sweeps only temporary files older than the given age', async () => {
    const store = await makeStore();
    const root = roots[roots.length - 1] as string;
    await mkdir(join(root, '.tmp'), { recursive: true });
    await writeFile(join(root, '.tmp', 'old.part'), 'x');
    await writeFile(join(root, '.tmp', 'fresh.part'), 'y');
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(root, '.tmp', 'old.part'), hourAgo, hourAgo);

    await expect(store.sweepTemporaryFiles(60 * 60 * 1000)).resolves.toBe(1);

    await expect(readdir(join(root, '.tmp'))).resolves.toEqual(['fresh.part']);
  });
});
