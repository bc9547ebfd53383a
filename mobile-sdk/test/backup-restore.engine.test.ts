import { defaultUploadOptions } from '../src/core/upload-pipeline';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CairnError, SdkErrorCode } from '../src/core/errors';
import type { FileInfo, FileSource } from '../src/core/ports';
import { FsFileSource } from '../src/node/fs-file-source';
import { TestDevice, writeTree } from './support/engine-fixture';
import { pseudoRandomBytes } from './support/random';
import { useTempDir } from './support/temp-dir';

const tree = {
  'Camera/big.bin': pseudoRandomBytes(1_500_000, 11),
  'Camera/été 🌅.jpg': pseudoRandomBytes(70_000, 12),
  'Docs/empty.txt': '',
  'Docs/note.txt': 'a short note',
  'Docs/copy-of-big.bin': pseudoRandomBytes(1_500_000, 11),
};

async function readTree(root: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await readTree(root, path));
    else out[path] = (await readFile(join(root, path))).toString('base64');
  }
  return out;
}

describe('backup and restore engines', () => {
  const dir = useTempDir();
  let device: TestDevice;
  let source: string;

  beforeEach(async () => {
    device = new TestDevice(join(dir(), 'home'));
    source = join(dir(), 'Phone');
    await writeTree(source, tree);
  });

  it('restores every file byte for byte, deduplicating identical content', async () => {
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesScanned: 5, filesCommitted: 5, filesFailed: 0 });
    expect(report.chunksUploaded).toBeLessThan(report.chunksTotal);
    expect(device.server.maxInFlightPuts).toBeLessThanOrEqual(
      defaultUploadOptions.uploadConcurrency,
    );

    const restored = join(dir(), 'out');
    const restore = await device.restore(restored);
    expect(restore).toMatchObject({ filesRestored: 5, filesFailed: 0, failures: [] });
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
    expect(device.server.files.get('Phone/Camera/big.bin')?.versions).toHaveLength(2);
  });

  it('commits nothing new when only the mtime changed', async () => {
    await device.backup(source);
    const later = new Date(Date.now() + 60_000);
    await utimes(join(source, 'Docs/note.txt'), later, later);
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesCommitted: 0, filesSkipped: 5, chunksUploaded: 0 });
    expect(device.server.files.get('Phone/Docs/note.txt')?.versions).toHaveLength(1);
  });

  it('adopts the existing head after losing its journal instead of making a new version', async () => {
    await device.backup(source);
    const fresh = new TestDevice(join(dir(), 'home2'));
    Object.assign(fresh, { server: device.server, api: device.api });
    const report = await fresh.backup(source);
    expect(report).toMatchObject({ filesCommitted: 0, chunksUploaded: 0, filesFailed: 0 });
    expect(device.server.headOf('Phone/Docs/note.txt')?.seq).toBeDefined();
    expect([...device.server.files.values()].every((f) => f.versions.length === 1)).toBe(true);
    // The adopted heads are in the new journal, so the next run reads nothing.
    expect(await fresh.backup(source)).toMatchObject({ filesSkipped: 5, bytesRead: 0 });
  });

  it('refuses a library folder that is not a valid path before reading anything', async () => {
    await expect(device.backup(source, { libraryFolder: '../up' })).rejects.toMatchObject({
      code: 'INVALID_PATH',
    });
    expect(device.server.prepareCalls).toBe(0);
  });

  it('retries uploads the server refuses with 503', async () => {
    device.server.failNextPuts = 3;
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesCommitted: 5, filesFailed: 0 });
  });

  it('sends chunks again when the commit finds them missing', async () => {
    await device.backup(source);
    await writeFile(join(source, 'Docs/new.bin'), pseudoRandomBytes(300_000, 99));
    device.server.loseChunksBeforeNextCommit = true;
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesCommitted: 1, filesFailed: 0 });
    expect(device.server.headOf('Phone/Docs/new.bin')).toBeDefined();
  });

  it('reports a refused file by path and commits the others', async () => {
    device.server.refusedPaths.add('Phone/Docs/note.txt');
    const report = await device.backup(source);
    expect(report.filesCommitted).toBe(4);
    expect(report.failures).toEqual([
      { path: 'Phone/Docs/note.txt', code: 'INVALID_PATH', message: 'INVALID_PATH' },
    ]);
  });

  it('re-reads a file that changes while it is read, and gives up if it never settles', async () => {
    const fs = new FsFileSource(source);
    let touched = 0;
    const flaky: FileSource = {
      walk: () => fs.walk(),
      read: (path) => fs.read(path),
      stat: async (path): Promise<FileInfo> => {
        const info = await fs.stat(path);
        if (path === 'Docs/note.txt' && touched++ < 1)
          return { ...info, mtimeMs: info.mtimeMs + 1 };
        return info;
      },
    };
    const report = await device.backup(source, {}, flaky);
    expect(report).toMatchObject({ filesCommitted: 5, filesFailed: 0 });

    const restless: FileSource = {
      ...flaky,
      stat: async (p) => ({ ...(await fs.stat(p)), mtimeMs: Math.random() }),
    };
    await writeFile(join(source, 'Docs/note.txt'), 'changed');
    const second = await device.backup(source, {}, restless);
    expect(second.failures.map((f) => f.code)).toContain('FILE_CHANGED');
  });

  it('fails one corrupt file on restore, restores the rest, and leaves no partial file', async () => {
    await device.backup(source);
    const note = device.server.headOf('Phone/Docs/note.txt')!;
    device.server.chunks.get(note.chunks[0]!.id)!.bytes[30]! ^= 1;

    const restored = join(dir(), 'out');
    const report = await device.restore(restored);
    expect(report.filesRestored).toBe(4);
    expect(report.failures).toEqual([
      expect.objectContaining({ path: 'Phone/Docs/note.txt', code: 'CHECKSUM_MISMATCH' }),
    ]);
    expect(await readdir(join(restored, 'Phone/Docs'))).toEqual(['copy-of-big.bin', 'empty.txt']);
  });

  it('resumes an interrupted restore after the verified leading chunks of its partial file', async () => {
    await device.backup(source);
    const head = device.server.headOf('Phone/Camera/big.bin')!;
    expect(head.chunks.length).toBeGreaterThan(4);
    const kept = head.chunks.slice(0, 3).reduce((n, c) => n + Number(c.plainSize), 0);
    const out = join(dir(), 'out');
    const partial = Buffer.concat([
      Buffer.from(tree['Camera/big.bin'].subarray(0, kept)),
      Buffer.from('bytes a crash left half written'),
    ]);
    await writeTree(out, { 'Phone/Camera/big.bin.cairn-partial': partial });

    const gets = device.server.gets;
    const report = await device.restore(out, 'Phone/Camera/big.bin');
    expect(report).toMatchObject({ filesRestored: 1, filesFailed: 0 });
    expect(device.server.gets - gets).toBe(head.chunks.length - 3);
    expect(
      Buffer.compare(
        await readFile(join(out, 'Phone/Camera/big.bin')),
        Buffer.from(tree['Camera/big.bin']),
      ),
    ).toBe(0);
    expect(await readdir(join(out, 'Phone/Camera'))).toEqual(['big.bin']);
  });

  it('keeps the partial file when the network fails, and finishes it on the next run', async () => {
    await device.backup(source);
    const head = device.server.headOf('Phone/Camera/big.bin')!;
    const out = join(dir(), 'out');
    const get = device.server.get.bind(device.server);
    let served = 0;
    device.server.get = async (url) => {
      if (++served > 3) throw new CairnError(SdkErrorCode.NetworkError, 'cable pulled', true);
      return get(url);
    };
    const first = await device.restore(out, 'Phone/Camera/big.bin');
    expect(first.failures).toEqual([expect.objectContaining({ code: 'NETWORK_ERROR' })]);
    expect(await readdir(join(out, 'Phone/Camera'))).toEqual(['big.bin.cairn-partial']);

    device.server.get = get;
    const gets = device.server.gets;
    const second = await device.restore(out, 'Phone/Camera/big.bin');
    expect(second).toMatchObject({ filesRestored: 1, filesFailed: 0 });
    expect(device.server.gets - gets).toBeLessThan(head.chunks.length);
    expect(
      Buffer.compare(
        await readFile(join(out, 'Phone/Camera/big.bin')),
        Buffer.from(tree['Camera/big.bin']),
      ),
    ).toBe(0);
  });

  it('restores one file or one folder by prefix', async () => {
    await device.backup(source);
    const one = await device.restore(join(dir(), 'one'), 'Phone/Docs/note.txt');
    expect(one.filesRestored).toBe(1);
    expect(await readFile(join(dir(), 'one/Phone/Docs/note.txt'), 'utf8')).toBe('a short note');
    const folder = await device.restore(join(dir(), 'folder'), 'Phone/Camera/');
    expect(folder.filesRestored).toBe(2);
    expect((await stat(join(dir(), 'folder/Phone/Camera/big.bin'))).size).toBe(1_500_000);
  });
});
