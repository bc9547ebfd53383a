import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mirrorDeletions } from '../src/core/deletion-mirror';
import type { SkippedEntry } from '../src/core/ports';
import { FsFileSource } from '../src/node/fs-file-source';
import { JsonlJournal } from '../src/node/jsonl-journal';
import { TestDevice, writeTree } from './support/engine-fixture';
import { startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

jest.setTimeout(30_000);

/** A name whose bytes are not UTF-8: listed, it decodes to another name that cannot be opened. */
const notUtf8 = (dir: string, name: string) =>
  Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(name, 'latin1'), Buffer.from([0xff])]);

describe('entries a walk cannot read', () => {
  const dir = useTempDir();
  let server: RealServer;

  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server.stop());

  it('are told to onSkip as unreadable, and without onSkip end the walk', () => {
    const root = join(dir(), 'Phone');
    mkdirSync(join(root, 'Docs'), { recursive: true });
    writeFileSync(join(root, 'Docs/ok.txt'), 'fine');
    writeFileSync(notUtf8(join(root, 'Docs'), 'bad'), 'unnamed');
    mkdirSync(notUtf8(root, 'folder'));

    const skipped: SkippedEntry[] = [];
    const walked = [...new FsFileSource(root).walk((entry) => skipped.push(entry))];
    expect(walked.map((f) => f.relativePath)).toEqual(['Docs/ok.txt']);
    expect(skipped.map((e) => [e.relativePath, e.reason])).toEqual([
      ['Docs/bad\ufffd', 'unreadable'],
      ['folder\ufffd', 'unreadable'],
    ]);
    expect(skipped[0]!.message).toMatch(/ENOENT/);
    expect(() => [...new FsFileSource(root).walk()]).toThrow(/ENOENT/);
  });

  it('fail alone in a backup, and a mirror never trashes what it could not read', async () => {
    const device = await TestDevice.create(server, join(dir(), 'home'));
    const root = join(dir(), 'Phone');
    await writeTree(root, { 'Docs/ok.txt': 'fine', 'Docs/kept.txt': 'kept' });
    expect(await device.backup(root)).toMatchObject({ filesCommitted: 2 });
    writeFileSync(notUtf8(join(root, 'Docs'), 'bad'), 'unnamed');

    const report = await device.backup(root);
    expect(report).toMatchObject({ filesFailed: 1, filesSkipped: 2 });
    expect(report.failures).toEqual([
      expect.objectContaining({ path: 'Phone/Docs/bad\ufffd', code: 'IO_ERROR' }),
    ]);

    // A folder backed up under a name that then becomes unreadable (it lists as the same text,
    // but its bytes are not that text): its files are not gone, so a mirror leaves them alone.
    await writeTree(root, { 'folder\ufffd/x.txt': 'in the folder' });
    expect(await device.backup(root)).toMatchObject({ filesCommitted: 1 });
    renameSync(join(root, 'folder\ufffd'), notUtf8(root, 'folder'));
    const journal = await JsonlJournal.open(join(dir(), 'home', 'journal.jsonl'));
    try {
      const mirrored = await mirrorDeletions(
        { api: device.api, source: new FsFileSource(root), journal },
        'Phone',
      );
      expect(mirrored.filesTrashed).toBe(0);
    } finally {
      await journal.close();
    }
    expect(await device.headOf('Phone/folder\ufffd/x.txt')).not.toBeNull();
    expect(await readFile(join(root, 'Docs/ok.txt'), 'utf8')).toBe('fine');
    expect(await device.headOf('Phone/Docs/kept.txt')).not.toBeNull();
  });
});
