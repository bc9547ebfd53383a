import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TestDevice, writeTree } from './support/engine-fixture';
import { tree } from './support/phone-tree';
import { corruptStoredChunk, startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

// The real server on a loaded 2-core CI runner: a backup and restore can take seconds.
jest.setTimeout(30_000);

describe('restore engine against the real server', () => {
  const dir = useTempDir();
  let server: RealServer;
  let device: TestDevice;

  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server.stop());

  beforeEach(async () => {
    device = await TestDevice.create(server, join(dir(), 'home'));
    const source = join(dir(), 'Phone');
    await writeTree(source, tree);
    expect(await device.backup(source)).toMatchObject({ filesCommitted: 5, filesFailed: 0 });
  });

  const bigFile = async () => {
    const head = (await device.headOf('Phone/Camera/big.bin'))!;
    return { head, chunks: await device.chunksOf(head.id) };
  };
  const sameAsSource = async (restored: string, path: keyof typeof tree) =>
    Buffer.compare(await readFile(restored), Buffer.from(tree[path])) === 0;

  it('fails one corrupt file on restore, restores the rest, and leaves no partial file', async () => {
    const note = (await device.headOf('Phone/Docs/note.txt'))!;
    const [chunk] = await device.chunksOf(note.id);
    await corruptStoredChunk(server, device.account, chunk!.chunkId);

    const restored = join(dir(), 'out');
    const report = await device.restore(restored);
    expect(report.filesRestored).toBe(4);
    expect(report.failures).toEqual([
      expect.objectContaining({ path: 'Phone/Docs/note.txt', code: 'CHECKSUM_MISMATCH' }),
    ]);
    expect(await readdir(join(restored, 'Phone/Docs'))).toEqual(['copy-of-big.bin', 'empty.txt']);
  });

  it('resumes an interrupted restore after the verified leading chunks of its partial file', async () => {
    const { chunks } = await bigFile();
    expect(chunks.length).toBeGreaterThan(4);
    const kept = chunks.slice(0, 3).reduce((n, c) => n + Number(c.plainSize), 0);
    const out = join(dir(), 'out');
    const partial = Buffer.concat([
      Buffer.from(tree['Camera/big.bin'].subarray(0, kept)),
      Buffer.from('bytes a crash left half written'),
    ]);
    await writeTree(out, { 'Phone/Camera/big.bin.cairn-partial': partial });

    const gets = device.transport.gets;
    const report = await device.restore(out, 'Phone/Camera/big.bin');
    expect(report).toMatchObject({ filesRestored: 1, filesFailed: 0 });
    expect(device.transport.gets - gets).toBe(chunks.length - 3);
    expect(await sameAsSource(join(out, 'Phone/Camera/big.bin'), 'Camera/big.bin')).toBe(true);
    expect(await readdir(join(out, 'Phone/Camera'))).toEqual(['big.bin']);
  });

  it('keeps the partial file when the network fails, and finishes it on the next run', async () => {
    const { chunks } = await bigFile();
    const out = join(dir(), 'out');
    device.transport.downloadsBeforeCut = 3;
    const first = await device.restore(out, 'Phone/Camera/big.bin');
    expect(first.failures).toEqual([expect.objectContaining({ code: 'NETWORK_ERROR' })]);
    expect(await readdir(join(out, 'Phone/Camera'))).toEqual(['big.bin.cairn-partial']);

    device.transport.downloadsBeforeCut = null;
    const gets = device.transport.gets;
    const second = await device.restore(out, 'Phone/Camera/big.bin');
    expect(second).toMatchObject({ filesRestored: 1, filesFailed: 0 });
    expect(device.transport.gets - gets).toBeLessThan(chunks.length);
    expect(await sameAsSource(join(out, 'Phone/Camera/big.bin'), 'Camera/big.bin')).toBe(true);
  });

  it('restores one file or one folder by prefix', async () => {
    const one = await device.restore(join(dir(), 'one'), 'Phone/Docs/note.txt');
    expect(one.filesRestored).toBe(1);
    expect(await readFile(join(dir(), 'one/Phone/Docs/note.txt'), 'utf8')).toBe('a short note');
    const folder = await device.restore(join(dir(), 'folder'), 'Phone/Camera/');
    expect(folder.filesRestored).toBe(2);
    expect((await stat(join(dir(), 'folder/Phone/Camera/big.bin'))).size).toBe(1_500_000);
    expect(await readdir(join(dir(), 'folder/Phone'))).toEqual(['Camera']);
  });
});
