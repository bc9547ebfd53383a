import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTenant } from '../src/api';
import type { BackupSummary, RestoreSummary } from '../src/cli';
import { runCli, runCliJson } from '../src/cli';
import { differingFiles, listFiles } from '../src/folder';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';

jest.setTimeout(5 * 60_000);

describe('a folder of 500 photos renamed on the device', () => {
  let server: RunningServer;
  let work: string;

  beforeAll(async () => {
    server = await startServer();
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-rename-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is moved on the server with its history, sending a tiny fraction of its bytes', async () => {
    const home = join(work, 'home');
    const tenant = await createTenant(server);
    await runCliJson(
      ['login', '--server', server.url, '--api-key', tenant.apiKey, '--user', 'ren'],
      home,
    );
    const phone = join(work, 'Phone');
    await mkdir(join(phone, 'Holiday'), { recursive: true });
    for (let i = 0; i < 500; i++) {
      await writeFile(join(phone, 'Holiday', `IMG_${1000 + i}.jpg`), randomBytes(20_000 + i));
    }
    const first = await runCliJson<BackupSummary>(['backup', phone], home);
    expect(first).toMatchObject({ filesCommitted: 500, filesFailed: 0 });

    await rename(join(phone, 'Holiday'), join(phone, 'Italy 2024'));
    const moved = await runCliJson<BackupSummary>(['backup', phone], home);

    expect(moved).toMatchObject({ filesMoved: 500, filesCommitted: 0, filesFailed: 0 });
    expect(moved.bytesUploaded).toBeLessThan(first.bytesUploaded / 100);
    const versions = await runCli(['versions', 'Phone/Italy 2024/IMG_1000.jpg'], home);
    expect(versions.code).toBe(0);
    const gone = await runCli(['versions', 'Phone/Holiday/IMG_1000.jpg'], home);
    expect(gone.code).not.toBe(0);

    const restored = join(work, 'restored');
    const report = await runCliJson<RestoreSummary>(['restore', restored], home);
    expect(report).toMatchObject({ filesRestored: 500, filesFailed: 0 });
    const files = await listFiles(join(restored, 'Phone'));
    expect(files).toHaveLength(500);
    expect(files.every((path) => path.startsWith('Italy 2024/'))).toBe(true);
    expect(await differingFiles(phone, join(restored, 'Phone'), files)).toEqual([]);
  });
});
