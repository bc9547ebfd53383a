import { randomBytes, randomFillSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { Client } from 'pg';

import { createTenant } from '../src/api';
import type { TenantFixture } from '../src/api';
import type { BackupSummary, RestoreSummary } from '../src/cli';
import { runCli, runCliJson } from '../src/cli';
import { differingFiles, listFiles } from '../src/folder';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';
import { allFiles, dumpDatabase, encodings, findIn, findInTree } from '../src/search';

jest.setTimeout(10 * 60_000);

const MiB = 1024 * 1024;

/** `size` random bytes with `marker` written at each of `offsets`. */
function withMarkers(size: number, marker: Buffer, offsets: number[]): Buffer {
  const bytes = randomFillSync(Buffer.alloc(size));
  for (const offset of offsets) marker.copy(bytes, offset);
  return bytes;
}

describe('the server never holds a plaintext byte of what it backs up', () => {
  const marker = `cairn-plaintext-marker-${randomBytes(12).toString('hex')}`;
  const [utf8, utf16le, utf16be] = encodings(marker);
  let server: RunningServer;
  let tenant: TenantFixture;
  let work: string;
  let source: string;
  let home: string;

  beforeAll(async () => {
    server = await startServer();
    tenant = await createTenant(server);
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-plaintext-'));
    source = join(work, 'Phone');
    home = join(work, 'home');

    // Small and large files, random and compressible, the marker at the start, the end, across
    // likely chunk boundaries, and in its UTF-16 forms.
    const files: Record<string, Buffer> = {
      'Notes/marker-only.txt': utf8!,
      'Notes/short.txt': Buffer.from(`${marker}\nshopping list\n${marker}`),
      'Notes/utf16.txt': Buffer.concat([utf16le!, Buffer.from(' and '), utf16be!]),
      'Documents/letter.txt': Buffer.from(
        Array.from({ length: 40_000 }, (_, i) => (i % 97 === 0 ? marker : 'dear diary ')).join(''),
      ),
      'Movies/clip.mov': withMarkers(24 * MiB, utf8!, [
        0,
        MiB - 10,
        4 * MiB + 333,
        9 * MiB,
        17 * MiB + 1,
        24 * MiB - utf8!.length,
      ]),
      'Camera/IMG_0001.jpg': withMarkers(2 * MiB + 17, utf16le!, [5, MiB, 2 * MiB - 40]),
    };
    for (const [path, bytes] of Object.entries(files)) {
      await mkdir(dirname(join(source, path)), { recursive: true });
      await writeFile(join(source, path), bytes);
    }

    const login = await runCli(
      ['login', '--server', server.url, '--api-key', tenant.apiKey, '--user', 'alice'],
      home,
    );
    expect(login).toMatchObject({ code: 0 });
    const backup = await runCliJson<BackupSummary>(['backup', source], home);
    expect(backup).toMatchObject({ filesCommitted: Object.keys(files).length, filesFailed: 0 });
  });

  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('finds the marker where it is (the search works): in every source file', async () => {
    const files = await listFiles(source);
    const found = await findInTree(source, [utf8!, utf16le!, utf16be!]);
    expect(found.sort()).toEqual(files);
    // Each form alone is found in the files that hold only that form.
    expect(await findInTree(join(source, 'Camera'), [utf16le!])).toEqual(['IMG_0001.jpg']);
    expect(await findInTree(join(source, 'Notes'), [utf16be!])).toEqual(['utf16.txt']);
  });

  it('the backup is real: every byte restores from what the server holds', async () => {
    const restored = join(work, 'restored');
    const restore = await runCliJson<RestoreSummary>(['restore', restored], home);
    expect(restore).toMatchObject({ filesFailed: 0 });
    const files = await listFiles(source);
    expect(await differingFiles(source, join(restored, 'Phone'), files)).toEqual([]);
  });

  it('no file under the server data dir holds the marker in any form', async () => {
    // Large objects are files under the data dir, small ones rows (searched in the dump below):
    // together they hold at least the content backed up, so the searches cover all of it.
    const inFiles = await totalBytes(await allFiles(join(server.dataDir, 'blobs')));
    const client = new Client({ connectionString: server.databaseUrl });
    await client.connect();
    const { rows } = await client
      .query<{ bytes: string }>(
        'select coalesce(sum(octet_length(bytes)), 0) as bytes from small_object',
      )
      .finally(() => client.end());
    expect(inFiles + Number(rows[0]!.bytes)).toBeGreaterThan(26 * MiB);
    expect(await findInTree(server.dataDir, [utf8!, utf16le!, utf16be!])).toEqual([]);
  });

  it('a dump of the server database holds no form of the marker, and does hold its rows', async () => {
    const dump = await dumpDatabase(server.databaseUrl);
    expect(findIn(dump, encodings(tenant.tenantName))).toEqual([0]);
    expect(findIn(dump, [utf8!, utf16le!, utf16be!])).toEqual([]);
  });
});

async function totalBytes(paths: string[]): Promise<number> {
  let sum = 0;
  for (const path of paths) sum += (await stat(path)).size;
  return sum;
}
