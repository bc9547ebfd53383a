import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTenant } from '../src/api';
import type { BackupSummary, RestoreSummary } from '../src/cli';
import { runCli, runCliJson } from '../src/cli';
import { buildFolder, differingFiles, editInPlace, listFiles } from '../src/folder';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';

jest.setTimeout(15 * 60_000);

const MiB = 1024 * 1024;

describe('back up a real folder with the CLI and restore it byte for byte', () => {
  let server: RunningServer;
  let work: string;
  let source: string;
  let home: string;

  beforeAll(async () => {
    server = await startServer();
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-'));
    source = join(work, 'Phone');
    home = join(work, 'home');
    await buildFolder(source, {
      largeFiles: [{ name: 'Movies/holiday.mov', bytes: 110 * MiB }],
      photos: 30,
      photoBytes: [500_000, 4 * MiB],
      documents: 20,
      textFiles: 160,
      extras: true,
    });

    const tenant = await createTenant(server);
    const login = await runCli(
      ['login', '--server', server.url, '--api-key', tenant.apiKey, '--user', 'alice'],
      home,
    );
    expect(login).toMatchObject({ code: 0 });
  });

  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('restores every name and byte, then sends only changed chunks', async () => {
    const files = await listFiles(source);
    expect(files.length).toBeGreaterThanOrEqual(200);

    const first = await runCliJson<BackupSummary>(['backup', source], home);
    expect(first).toMatchObject({ filesCommitted: files.length, filesFailed: 0, failures: [] });

    const restored = join(work, 'restored');
    const restore = await runCliJson<RestoreSummary>(['restore', restored], home);
    expect(restore).toMatchObject({ filesRestored: files.length, filesFailed: 0 });
    expect(await listFiles(join(restored, 'Phone'))).toEqual(files);
    expect(await differingFiles(source, join(restored, 'Phone'), files)).toEqual([]);

    const unchanged = await runCliJson<BackupSummary>(['backup', source], home);
    expect(unchanged).toMatchObject({ filesCommitted: 0, chunksUploaded: 0, bytesUploaded: 0 });

    // Three small notes, the middle of the large movie and one photo change by a few KiB.
    const edited = [
      'Notes/00/note-1.txt',
      'Notes/00/note-2.txt',
      'Notes/01/note-150.txt',
      'Movies/holiday.mov',
      'Camera/IMG_0003.jpg',
    ];
    for (const path of edited) await editInPlace(join(source, path), 4096);

    const second = await runCliJson<BackupSummary>(['backup', source], home);
    expect(second).toMatchObject({ filesCommitted: edited.length, filesFailed: 0 });
    // A small file is one chunk; an in-place edit of a large file touches one or two chunks.
    expect(second.chunksUploaded).toBeGreaterThanOrEqual(edited.length);
    expect(second.chunksUploaded).toBeLessThanOrEqual(edited.length + 4);
    expect(second.bytesUploaded).toBeLessThan(20 * MiB);

    const again = join(work, 'restored-again');
    await runCliJson<RestoreSummary>(['restore', again], home);
    expect(await differingFiles(source, join(again, 'Phone'), files)).toEqual([]);
  });
});
