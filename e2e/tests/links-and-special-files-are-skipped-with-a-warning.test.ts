import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTenant } from '../src/api';
import type { BackupSummary } from '../src/cli';
import { runCli, runCliJson } from '../src/cli';
import { listFiles } from '../src/folder';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';

jest.setTimeout(5 * 60_000);

describe('links and special files in a backed-up folder', () => {
  let server: RunningServer;
  let work: string;

  beforeAll(async () => {
    server = await startServer();
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-links-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('backs up the files, warns once for each link or pipe, and never follows a loop', async () => {
    const home = join(work, 'home');
    const tenant = await createTenant(server);
    await runCliJson(
      ['login', '--server', server.url, '--api-key', tenant.apiKey, '--user', 'li'],
      home,
    );
    const folder = join(work, 'Phone');
    await mkdir(join(folder, 'Camera'), { recursive: true });
    await writeFile(join(folder, 'Camera/IMG_1.jpg'), 'photo');
    await writeFile(join(folder, 'notes.txt'), 'note');
    await symlink(join(folder, 'notes.txt'), join(folder, 'Camera/notes-link.txt'));
    await symlink(folder, join(folder, 'Camera/loop'));
    execFileSync('mkfifo', [join(folder, 'pipe')]);

    const run = await runCli(['backup', folder], home);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 committed, 0 failed');
    expect(run.stderr.trim().split('\n').sort()).toEqual([
      'warning: not backed up: Camera/loop: a symbolic link (links are not followed or stored)',
      'warning: not backed up: Camera/notes-link.txt: a symbolic link (links are not followed or stored)',
      'warning: not backed up: pipe: not a regular file (pipe, socket or device)',
    ]);

    const again = await runCliJson<BackupSummary>(['backup', folder], home);
    expect(again.entriesSkipped.map((e) => e.relativePath).sort()).toEqual([
      'Camera/loop',
      'Camera/notes-link.txt',
      'pipe',
    ]);
    expect(again.filesCommitted).toBe(0);

    const restored = join(work, 'restored');
    await runCliJson(['restore', restored], home);
    expect((await listFiles(restored)).sort()).toEqual([
      'Phone/Camera/IMG_1.jpg',
      'Phone/notes.txt',
    ]);
  });
});
