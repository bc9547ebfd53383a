import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTenant } from '../src/api';
import type { BackupSummary, RestoreSummary } from '../src/cli';
import { runCli, runCliJson } from '../src/cli';
import { listFiles } from '../src/folder';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';

jest.setTimeout(5 * 60_000);

describe('two local folders of one name on one device', () => {
  let server: RunningServer;
  let work: string;

  beforeAll(async () => {
    server = await startServer();
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-names-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function folder(path: string, files: string[]) {
    await mkdir(join(work, path), { recursive: true });
    for (const name of files) await writeFile(join(work, path, name), name);
    return join(work, path);
  }

  it('never share a library folder, so mirroring one cannot trash the other', async () => {
    const home = join(work, 'home');
    const tenant = await createTenant(server);
    await runCliJson(
      ['login', '--server', server.url, '--api-key', tenant.apiKey, '--user', 'u'],
      home,
    );
    const phone = await folder('phone/Pics', ['a.jpg', 'b.jpg']);
    const card = await folder('card/Pics', ['only.jpg']);
    expect(await runCliJson<BackupSummary>(['backup', phone], home)).toMatchObject({
      filesCommitted: 2,
    });

    const refused = await runCli(['backup', card, '--mirror-deletions'], home);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/library folder "Pics" holds the backup of .*phone\/Pics.*--as/);
    expect(refused.stderr).toContain('(LIBRARY_FOLDER_TAKEN)');

    const asOther = await runCliJson<BackupSummary>(['backup', card, '--as', 'Card Pics'], home);
    expect(asOther).toMatchObject({ filesCommitted: 1 });

    // The phone's folder moved on disk: --rebind carries its library folder over, and nothing
    // is trashed or sent again.
    await mkdir(join(work, 'moved'));
    await rename(phone, join(work, 'moved/Pics'));
    const moved = join(work, 'moved/Pics');
    expect((await runCli(['backup', moved], home)).code).toBe(1);
    const rebound = await runCliJson<BackupSummary & { deletionsMirrored: unknown }>(
      ['backup', moved, '--rebind', '--mirror-deletions'],
      home,
    );
    expect(rebound).toMatchObject({ filesCommitted: 0, bytesUploaded: 0 });

    const out = join(work, 'restored');
    expect(await runCliJson<RestoreSummary>(['restore', out], home)).toMatchObject({
      filesRestored: 3,
    });
    expect((await listFiles(out)).sort()).toEqual([
      'Card Pics/only.jpg',
      'Pics/a.jpg',
      'Pics/b.jpg',
    ]);
  });
});
