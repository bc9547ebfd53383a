import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createTenant } from '../src/api';
import type { BackupSummary, RestoreSummary } from '../src/cli';
import { runCliJson } from '../src/cli';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';

jest.setTimeout(10 * 60_000);

const size = 4 * 1024 ** 3 + 12_345;

describe('a file over 4 GiB', () => {
  let server: RunningServer;
  let work: string;

  beforeAll(async () => {
    server = await startServer();
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-4gib-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('backs up and restores byte for byte, with 64-bit sizes and offsets', async () => {
    const home = join(work, 'home');
    const tenant = await createTenant(server);
    await runCliJson(
      ['login', '--server', server.url, '--api-key', tenant.apiKey, '--user', 'big'],
      home,
    );
    const phone = join(work, 'Phone');
    await mkdir(phone);
    // Sparse (the disk holds only the written parts), with data on both sides of 2^31 and 2^32.
    const movie = await open(join(phone, 'long.mov'), 'w');
    for (const at of [0, 2 ** 31 - 100_000, 2 ** 32 - 300_000, size - 200_000]) {
      await movie.write(randomBytes(200_000), 0, 200_000, at);
    }
    await movie.truncate(size);
    await movie.close();

    const backup = await runCliJson<BackupSummary>(['backup', phone], home);
    expect(backup).toMatchObject({ filesCommitted: 1, filesFailed: 0, bytesRead: size });
    const versions = await runCliJson<{ versions: { size: string }[] }>(
      ['versions', 'Phone/long.mov'],
      home,
    );
    expect(versions.versions[0]!.size).toBe(String(size));

    const out = join(work, 'out');
    const restore = await runCliJson<RestoreSummary>(['restore', out], home);
    expect(restore).toMatchObject({ filesRestored: 1, filesFailed: 0 });
    expect((await stat(join(out, 'Phone/long.mov'))).size).toBe(size);
    // cmp exits 0 only when every byte is equal.
    await promisify(execFile)('cmp', [join(phone, 'long.mov'), join(out, 'Phone/long.mov')]);
  });
});
