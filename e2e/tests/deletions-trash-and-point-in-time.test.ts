import { readFile, readdir, rm, unlink, utimes, writeFile, mkdir } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TenantFixture } from '../src/api';
import { createTenant, gql } from '../src/api';
import type { BackupSummary, RestoreSummary } from '../src/cli';
import { runCli, runCliJson } from '../src/cli';
import { listFiles } from '../src/folder';
import type { RunningServer } from '../src/harness';
import { delay, startServer } from '../src/harness';

jest.setTimeout(5 * 60_000);

type Backup = BackupSummary & {
  filesInTrash: number;
  deletionsMirrored: { filesTrashed: number; filesKeptChanged: number } | null;
};

describe('deletions, trash and point-in-time restore through the CLI', () => {
  let server: RunningServer;
  let tenant: TenantFixture;
  let work: string;
  let home: string;
  let userId: string;

  beforeAll(async () => {
    server = await startServer();
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-trash-'));
    home = join(work, 'home');
    tenant = await createTenant(server);
    const login = await runCliJson<{ userId: string }>(
      ['login', '--server', server.url, '--api-key', tenant.apiKey, '--user', 'bob'],
      home,
    );
    userId = login.userId;
  });

  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function folder(name: string, files: Record<string, string>) {
    const root = join(work, name);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text);
    }
    return root;
  }

  const backup = (dir: string, ...flags: string[]) =>
    runCliJson<Backup>(['backup', dir, ...flags], home);

  let restores = 0;
  async function restore(...flags: string[]) {
    const dest = join(work, `restored-${++restores}`);
    const report = await runCliJson<RestoreSummary>(['restore', dest, ...flags], home);
    return { dest, report, files: await listFiles(dest).catch(() => []) };
  }

  async function libraryPaths(query: 'files' | 'trash', prefix: string) {
    const data = await gql<Record<string, { items: { id: string; path: string }[] }>>(
      server,
      `query($u: ID!) { ${query}(userId: $u, limit: 1000) { items { id path } } }`,
      { u: userId },
      tenant.apiKey,
    );
    return data[query]!.items.filter((f) => f.path.startsWith(prefix));
  }

  it('keeps files deleted on the device by default; --mirror-deletions moves them to trash', async () => {
    const dir = await folder('Phone', {
      'a.txt': 'alpha',
      'b.txt': 'bravo',
      'Sub/c.txt': 'charlie',
    });
    expect(await backup(dir)).toMatchObject({ filesCommitted: 3, deletionsMirrored: null });

    await unlink(join(dir, 'a.txt'));
    expect(await backup(dir)).toMatchObject({ filesCommitted: 0, filesFailed: 0 });
    const kept = await restore('--path', 'Phone');
    expect(kept.files).toEqual(['Phone/Sub/c.txt', 'Phone/a.txt', 'Phone/b.txt']);
    expect(await readFile(join(kept.dest, 'Phone/a.txt'), 'utf8')).toBe('alpha');

    await unlink(join(dir, 'b.txt'));
    const mirrored = await backup(dir, '--mirror-deletions');
    expect(mirrored.deletionsMirrored).toEqual({
      filesTrashed: 2,
      filesKeptChanged: 0,
      failures: [],
    });
    expect((await restore('--path', 'Phone')).files).toEqual(['Phone/Sub/c.txt']);
    const trashed = await libraryPaths('trash', 'Phone/');
    expect(trashed.map((f) => f.path).sort()).toEqual(['Phone/a.txt', 'Phone/b.txt']);

    // Mirroring again has nothing left to do; trash restores a file with its bytes.
    expect((await backup(dir, '--mirror-deletions')).deletionsMirrored!.filesTrashed).toBe(0);
    const b = trashed.find((f) => f.path === 'Phone/b.txt')!;
    await gql(
      server,
      'mutation($f: [ID!]!) { restoreFiles(fileIds: $f) { fileId } }',
      { f: [b.id] },
      tenant.apiKey,
    );
    const back = await restore('--path', 'Phone');
    expect(back.files).toEqual(['Phone/Sub/c.txt', 'Phone/b.txt']);
    expect(await readFile(join(back.dest, 'Phone/b.txt'), 'utf8')).toBe('bravo');
  });

  it('does not send a file trashed in the console again until its content changes', async () => {
    const dir = await folder('Camera', { 'IMG_1.jpg': 'x'.repeat(5000), 'IMG_2.jpg': 'y' });
    await backup(dir);
    const [photo] = await libraryPaths('files', 'Camera/IMG_1');
    await gql(
      server,
      'mutation($f: ID!) { deleteFiles(inputs: [{ fileId: $f }]) { fileId } }',
      { f: photo!.id },
      tenant.apiKey,
    );

    const later = new Date(Date.now() + 60_000);
    await utimes(join(dir, 'IMG_1.jpg'), later, later);
    expect(await backup(dir)).toMatchObject({ filesCommitted: 0, bytesUploaded: 0 });

    // A reinstall: the journal is gone, so only the server can say the photo is in trash.
    for (const name of await readdir(home)) {
      if (name.startsWith('journal-')) await unlink(join(home, name));
    }
    const reinstalled = await backup(dir);
    expect(reinstalled).toMatchObject({ filesInTrash: 1, filesCommitted: 0, bytesUploaded: 0 });
    expect((await libraryPaths('files', 'Camera/')).map((f) => f.path)).toEqual([
      'Camera/IMG_2.jpg',
    ]);

    await writeFile(join(dir, 'IMG_1.jpg'), 'edited'.repeat(1000));
    expect(await backup(dir)).toMatchObject({ filesCommitted: 1, filesInTrash: 0 });
    const live = await libraryPaths('files', 'Camera/IMG_1');
    expect(live).toHaveLength(1);
    expect(live[0]!.id).not.toBe(photo!.id);
    expect((await libraryPaths('trash', 'Camera/')).map((f) => f.id)).toEqual([photo!.id]);
  });

  it('restores the library as it was at a time, and one older version', async () => {
    const dir = await folder('Notes', { 'todo.txt': 'first draft', 'keep.txt': 'kept' });
    await backup(dir);
    await delay(50);
    const firstTime = new Date().toISOString();
    await delay(50);
    await writeFile(join(dir, 'todo.txt'), 'second, longer draft');
    await writeFile(join(dir, 'new.txt'), 'born later');
    expect(await backup(dir)).toMatchObject({ filesCommitted: 2 });

    const past = await restore('--at', firstTime, '--path', 'Notes');
    expect(past.files).toEqual(['Notes/keep.txt', 'Notes/todo.txt']);
    expect(await readFile(join(past.dest, 'Notes/todo.txt'), 'utf8')).toBe('first draft');

    const history = await runCliJson<{ versions: { id: string; size: string }[] }>(
      ['versions', 'Notes/todo.txt'],
      home,
    );
    expect(history.versions.map((v) => v.size)).toEqual(['20', '11']);
    const old = await restore('--version', history.versions[1]!.id);
    expect(old.report).toMatchObject({ filesRestored: 1, filesFailed: 0 });
    expect(old.files).toEqual(['Notes/todo.txt']);
    expect(await readFile(join(old.dest, 'Notes/todo.txt'), 'utf8')).toBe('first draft');

    const now = await restore('--path', 'Notes');
    expect(await readFile(join(now.dest, 'Notes/todo.txt'), 'utf8')).toBe('second, longer draft');
  });

  it('refuses a bad --at or --version with a clear error', async () => {
    const dest = join(work, 'refused');
    const cases: [string[], RegExp][] = [
      [['--at', 'last tuesday'], /--at must be an ISO time.*\(BAD_USER_INPUT\)/],
      [['--version', 'x', '--at', '2026-01-01T00:00:00Z'], /\(BAD_USER_INPUT\)/],
      [['--version', '00000000-0000-4000-8000-000000000000'], /\(NOT_FOUND\)/],
    ];
    for (const [flags, error] of cases) {
      const run = await runCli(['restore', dest, ...flags], home);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(error);
    }
  });
});
