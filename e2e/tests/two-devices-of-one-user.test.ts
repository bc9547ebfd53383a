import { randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TenantFixture } from '../src/api';
import { createTenant } from '../src/api';
import type { BackupSummary, RestoreSummary } from '../src/cli';
import { runCliJson } from '../src/cli';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';

jest.setTimeout(5 * 60_000);

describe('two devices of one user, and a reinstall', () => {
  let server: RunningServer;
  let tenant: TenantFixture;
  let work: string;

  beforeAll(async () => {
    server = await startServer();
    tenant = await createTenant(server);
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-devices-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** A device of user "sam": its own CAIRN_HOME, signed in with the tenant's API key. */
  async function device(name: string) {
    const home = join(work, `home-${name}`);
    const login = ['login', '--server', server.url, '--api-key', tenant.apiKey];
    await runCliJson([...login, '--user', 'sam', '--device-name', name], home);
    return {
      backup: (dir: string, ...flags: string[]) =>
        runCliJson<BackupSummary>(['backup', dir, ...flags], home),
      restore: (dest: string) => runCliJson<RestoreSummary>(['restore', dest], home),
    };
  }

  it('keeps both edits of one file made on two devices, each restorable', async () => {
    const phone = join(work, 'a', 'Phone');
    await mkdir(phone, { recursive: true });
    await writeFile(join(phone, 'note.txt'), 'shopping: milk');
    await writeFile(join(phone, 'photo.jpg'), randomBytes(300_000));
    const pixel = await device('Pixel');
    const ipad = await device('iPad');
    expect(await pixel.backup(phone)).toMatchObject({ filesCommitted: 2 });

    // The second device gets the library, then both edit the note before either backs up.
    const tablet = join(work, 'b');
    expect(await ipad.restore(tablet)).toMatchObject({ filesRestored: 2 });
    expect(await ipad.backup(join(tablet, 'Phone'))).toMatchObject({ filesCommitted: 0 });
    await appendFile(join(phone, 'note.txt'), ', eggs');
    await appendFile(join(tablet, 'Phone', 'note.txt'), ', bread');

    expect(await pixel.backup(phone)).toMatchObject({ filesCommitted: 1, filesFailed: 0 });
    expect(await ipad.backup(join(tablet, 'Phone'))).toMatchObject({ filesCommitted: 1 });

    const out = join(work, 'restored');
    expect(await pixel.restore(out)).toMatchObject({ filesRestored: 3, filesFailed: 0 });
    const names = (await readdir(join(out, 'Phone'))).sort();
    expect(names).toHaveLength(3);
    expect(names).toContain('note.txt');
    const copy = names.find((n) => n.startsWith('note (conflict iPad '))!;
    expect(copy).toMatch(/^note \(conflict iPad \d{4}-\d\d-\d\d \d{6}\)\.txt$/);
    expect(await readFile(join(out, 'Phone', 'note.txt'), 'utf8')).toBe('shopping: milk, eggs');
    expect(await readFile(join(out, 'Phone', copy), 'utf8')).toBe('shopping: milk, bread');
  });

  it('sends no chunk again after a reinstall with an empty journal', async () => {
    const phone = join(work, 'c', 'Camera');
    await mkdir(phone, { recursive: true });
    for (let i = 0; i < 20; i++) await writeFile(join(phone, `IMG_${i}.jpg`), randomBytes(150_000));
    const first = await device('Galaxy');
    const sent = await first.backup(phone);
    expect(sent).toMatchObject({ filesCommitted: 20 });
    expect(sent.bytesUploaded).toBeGreaterThan(20 * 150_000);

    // The app is reinstalled: a new home, so a new device credential and an empty journal.
    const reinstalled = await device('Galaxy (reinstalled)');
    const again = await reinstalled.backup(phone);
    expect(again).toMatchObject({ filesScanned: 20, filesCommitted: 0, filesFailed: 0 });
    expect(again.bytesUploaded).toBe(0);

    const copy = join(work, 'd', 'Camera');
    await cp(phone, copy, { recursive: true });
    // A copy elsewhere on the phone (its own library folder) sends nothing either.
    const copied = await reinstalled.backup(copy, '--as', 'Camera copy');
    expect(copied).toMatchObject({ filesCommitted: 20, bytesUploaded: 0 });
  });
});
