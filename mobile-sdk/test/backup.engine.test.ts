import { appendFile, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkerSealer } from '../src/node/worker-sealer';
import type { FileInfo, FileSource } from '../src/core/ports';
import { defaultUploadOptions } from '../src/core/upload-pipeline';
import { FsFileSource } from '../src/node/fs-file-source';
import { TestDevice, writeTree } from './support/engine-fixture';
import { libraryPaths, readTree, tree } from './support/phone-tree';
import { pseudoRandomBytes } from './support/random';
import { loseUnreferencedChunks, startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

// The real server on a loaded 2-core CI runner: a backup and restore can take seconds.
jest.setTimeout(30_000);

/** The real folder, where `path` grows on disk right after each of its first `times` reads. */
function growingWhileRead(root: string, path: string, times: number): FileSource {
  const fs = new FsFileSource(root);
  let left = times;
  return {
    walk: () => fs.walk(),
    stat: (relativePath) => fs.stat(relativePath),
    read: async function* (relativePath) {
      yield* fs.read(relativePath);
      if (relativePath === path && left-- > 0) await appendFile(join(root, path), ', and more');
    },
  };
}

describe('backup engine against the real server', () => {
  const dir = useTempDir();
  let server: RealServer;
  let device: TestDevice;
  let source: string;

  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server.stop());

  beforeEach(async () => {
    device = await TestDevice.create(server, join(dir(), 'home'));
    source = join(dir(), 'Phone');
    await writeTree(source, tree);
  });

  it('backs up every file, deduplicating identical content, and restores it byte for byte', async () => {
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesScanned: 5, filesCommitted: 5, filesFailed: 0 });
    expect(report.chunksUploaded).toBeLessThan(report.chunksTotal);
    expect(device.transport.maxInFlightUploads).toBeLessThanOrEqual(
      defaultUploadOptions.uploadConcurrency,
    );

    const restored = join(dir(), 'out');
    const restore = await device.restore(restored);
    expect(restore).toMatchObject({ filesRestored: 5, filesFailed: 0, failures: [] });
    expect(await readTree(join(restored, 'Phone'))).toEqual(await readTree(source));
  });

  it('seals on a worker thread exactly as inline: a device sealing inline re-sends nothing', async () => {
    const sealer = new WorkerSealer(device.account.keys, 2);
    device.sealer = sealer;
    try {
      const report = await device.backup(source);
      expect(report).toMatchObject({ filesCommitted: 5, filesFailed: 0 });
    } finally {
      await sealer.close();
    }

    const reinstalled = device.withHome(join(dir(), 'home-inline'));
    const inline = await reinstalled.backup(source);
    expect(inline).toMatchObject({ filesCommitted: 0, chunksUploaded: 0, filesFailed: 0 });

    const restored = join(dir(), 'out');
    await device.restore(restored);
    expect(await readTree(join(restored, 'Phone'))).toEqual(await readTree(source));
  });

  it('reads nothing on a re-run without changes, and only changed chunks after an edit', async () => {
    await device.backup(source);
    const again = await device.backup(source);
    expect(again).toMatchObject({ filesSkipped: 5, filesCommitted: 0, bytesRead: 0 });
    expect(again.chunksUploaded).toBe(0);

    const big = Buffer.from(tree['Camera/big.bin']);
    big.write('edited in the middle', 700_000);
    await writeFile(join(source, 'Camera/big.bin'), big);
    const edited = await device.backup(source);
    expect(edited).toMatchObject({ filesCommitted: 1, filesSkipped: 4 });
    expect(edited.chunksUploaded).toBeGreaterThanOrEqual(1);
    expect(edited.chunksUploaded).toBeLessThanOrEqual(3);
    expect(await device.versionCount('Phone/Camera/big.bin')).toBe(2);
  });

  it('commits nothing new when only the mtime changed', async () => {
    await device.backup(source);
    const later = new Date(Date.now() + 60_000);
    await utimes(join(source, 'Docs/note.txt'), later, later);
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesCommitted: 0, filesSkipped: 5, chunksUploaded: 0 });
    expect(await device.versionCount('Phone/Docs/note.txt')).toBe(1);
  });

  it('adopts the existing head after losing its journal instead of making a new version', async () => {
    await device.backup(source);
    const reinstalled = device.withHome(join(dir(), 'home2'));
    const report = await reinstalled.backup(source);
    expect(report).toMatchObject({ filesCommitted: 0, chunksUploaded: 0, filesFailed: 0 });
    for (const path of libraryPaths) expect(await device.versionCount(path)).toBe(1);
    // The adopted heads are in the new journal, so the next run reads nothing.
    expect(await reinstalled.backup(source)).toMatchObject({ filesSkipped: 5, bytesRead: 0 });
  });

  it('refuses a library folder that is not a valid path before reading anything', async () => {
    await expect(device.backup(source, { libraryFolder: '../up' })).rejects.toMatchObject({
      code: 'INVALID_PATH',
    });
    expect(device.transport.prepareCalls).toBe(0);
  });

  it.each([
    ['bundles', true],
    ['single PUTs', false],
  ])('retries %s answered with 503', async (_, bundles) => {
    device = await TestDevice.create(server, join(dir(), 'home-put'), bundles);
    device.transport.failNextUploads = 3;
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesCommitted: 5, filesFailed: 0 });
    expect(device.transport.failNextUploads).toBe(0);
    expect(device.transport.puts > 0).toBe(!bundles);
    const restored = await device.restore(join(dir(), 'out'));
    expect(restored).toMatchObject({ filesRestored: 5, filesFailed: 0 });
  });

  it('sends chunks again when the commit finds them missing', async () => {
    await device.backup(source);
    const added = pseudoRandomBytes(300_000, 99);
    await writeFile(join(source, 'Docs/new.bin'), added);
    let lost = 0;
    device.transport.beforeNextCommit = async () => {
      lost = await loseUnreferencedChunks(server, device.account);
    };
    const commits = device.transport.commitCalls;
    const report = await device.backup(source);
    expect(lost).toBeGreaterThan(0);
    expect(device.transport.commitCalls - commits).toBe(2);
    expect(report).toMatchObject({ filesCommitted: 1, filesFailed: 0 });
    const out = join(dir(), 'out');
    expect(await device.restore(out, 'Phone/Docs/new.bin')).toMatchObject({ filesRestored: 1 });
    expect(Buffer.compare(await readFile(join(out, 'Phone/Docs/new.bin')), added)).toBe(0);
  });

  it('reports a file the server refuses by path and commits the others', async () => {
    const fs: FileSource = new FsFileSource(source);
    // The server takes device asset ids up to 1,024 characters; the client does not check.
    const withAssetId = (info: FileInfo): FileInfo =>
      info.relativePath === 'Docs/note.txt' ? { ...info, assetId: 'x'.repeat(2000) } : info;
    const refused: FileSource = {
      walk: async function* () {
        for await (const info of fs.walk()) yield withAssetId(info);
      },
      read: (path) => fs.read(path),
      stat: async (path) => withAssetId(await fs.stat(path)),
    };
    const report = await device.backup(source, {}, refused);
    expect(report.filesCommitted).toBe(4);
    expect(report.failures).toEqual([
      {
        path: 'Phone/Docs/note.txt',
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('deviceAssetId') as string,
      },
    ]);
    expect(await device.headOf('Phone/Docs/note.txt')).toBeNull();
    expect(await device.headOf('Phone/Docs/empty.txt')).not.toBeNull();
  });

  it('re-reads a file that changes while it is read, and gives up if it never settles', async () => {
    const report = await device.backup(source, {}, growingWhileRead(source, 'Docs/note.txt', 1));
    expect(report).toMatchObject({ filesCommitted: 5, filesFailed: 0 });
    const out = join(dir(), 'out');
    expect(await device.restore(out, 'Phone/Docs/note.txt')).toMatchObject({ filesRestored: 1 });
    expect(await readFile(join(out, 'Phone/Docs/note.txt'), 'utf8')).toBe('a short note, and more');

    await writeFile(join(source, 'Docs/note.txt'), 'changed');
    const second = await device.backup(source, {}, growingWhileRead(source, 'Docs/note.txt', 99));
    expect(second.failures).toEqual([
      expect.objectContaining({ path: 'Phone/Docs/note.txt', code: 'FILE_CHANGED' }),
    ]);
    expect(await device.versionCount('Phone/Docs/note.txt')).toBe(1);
  });
});
