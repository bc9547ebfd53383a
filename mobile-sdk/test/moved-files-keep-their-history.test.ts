import { appendFile, copyFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DeleteFilesDocument,
  FileByPathDocument,
  TypedDocumentString,
} from '../src/generated/operations';

/** What the console's Restore button sends (the SDK itself never restores from trash). */
const restoreFromTrash = new TypedDocumentString<unknown, { ids: string[] }>(
  'mutation RestoreFiles($ids: [ID!]!) { restoreFiles(fileIds: $ids) { fileId } }',
);
import { TestDevice, writeTree } from './support/engine-fixture';
import { readTree, tree } from './support/phone-tree';
import { startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

jest.setTimeout(30_000);

describe('files moved or renamed on the device', () => {
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
    expect(await device.backup(source)).toMatchObject({ filesCommitted: 5, filesFailed: 0 });
  });

  it('moves a renamed folder on the server with its history, sending no content', async () => {
    await appendFile(join(source, 'Docs/note.txt'), ', edited');
    expect(await device.backup(source)).toMatchObject({ filesCommitted: 1 });
    const note = (await device.headOf('Phone/Docs/note.txt'))!;

    await rename(join(source, 'Docs'), join(source, 'Papers'));
    const report = await device.backup(source);

    expect(report).toMatchObject({ filesMoved: 3, filesCommitted: 0, filesFailed: 0 });
    expect(report.bytesUploaded).toBe(0);
    expect(await device.headOf('Phone/Docs/note.txt')).toBeNull();
    expect(await device.headOf('Phone/Papers/note.txt')).toMatchObject({ id: note.id });
    expect(await device.versionCount('Phone/Papers/note.txt')).toBe(2);

    // Done: the next run reads nothing, and a restore puts every file at its new path.
    expect(await device.backup(source)).toMatchObject({ filesSkipped: 5, bytesRead: 0 });
    const out = join(dir(), 'out');
    expect(await device.restore(out)).toMatchObject({ filesRestored: 5, failures: [] });
    expect(await readTree(join(out, 'Phone'))).toEqual(await readTree(source));
  });

  it('renames a file by case only', async () => {
    await rename(join(source, 'Docs/note.txt'), join(source, 'Docs/NOTE.txt'));
    expect(await device.backup(source)).toMatchObject({ filesMoved: 1, filesCommitted: 0 });
    expect(await device.versionCount('Phone/Docs/NOTE.txt')).toBe(1);
    expect(await device.headOf('Phone/Docs/note.txt')).toBeNull();
  });

  it('keeps the original of a copy: a copy is a new file, its content not sent again', async () => {
    await copyFile(join(source, 'Docs/note.txt'), join(source, 'Docs/note (copy).txt'));
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesMoved: 0, filesCommitted: 1, bytesUploaded: 0 });
    expect(await device.headOf('Phone/Docs/note.txt')).not.toBeNull();
  });

  it('commits at the new path when the server refuses the move (trashed meanwhile)', async () => {
    const note = (await device.headOf('Phone/Docs/note.txt'))!;
    const { fileByPath } = await device.api.request(FileByPathDocument, {
      path: 'Phone/Docs/note.txt',
    });
    await rename(join(source, 'Docs/note.txt'), join(source, 'Docs/moved.txt'));
    // Trashed in the console after this run listed the library, just before it moves the file.
    device.transport.beforeNextMove = async () => {
      await device.api.request(DeleteFilesDocument, { inputs: [{ fileId: fileByPath!.id }] });
    };

    const report = await device.backup(source);

    expect(device.transport.beforeNextMove).toBeNull();
    expect(report).toMatchObject({ filesMoved: 0, filesCommitted: 1, filesFailed: 0 });
    const moved = (await device.headOf('Phone/Docs/moved.txt'))!;
    expect(moved.id).not.toBe(note.id);
    expect(moved.contentHash).toBe(note.contentHash);
  });

  it('moves a file restored from trash meanwhile: its head is a new version of the same bytes', async () => {
    const { fileByPath } = await device.api.request(FileByPathDocument, {
      path: 'Phone/Docs/note.txt',
    });
    await device.api.request(DeleteFilesDocument, { inputs: [{ fileId: fileByPath!.id }] });
    await device.api.request(restoreFromTrash, { ids: [fileByPath!.id] });
    await rename(join(source, 'Docs/note.txt'), join(source, 'Docs/renamed.txt'));

    expect(await device.backup(source)).toMatchObject({ filesMoved: 1, filesCommitted: 0 });
    expect(await device.headOf('Phone/Docs/note.txt')).toBeNull();
    expect((await device.headOf('Phone/Docs/renamed.txt'))!.contentHash).toBe(
      fileByPath!.head!.contentHash,
    );
  });
});
