import { createTenantFixture, errorCode, fakeChunk, gql, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { deleteFiles } from './support/trash';

jest.setTimeout(60_000);

interface Outcome {
  fileId: string;
  file: { id: string; path: string; versionCount: number; head: { id: string } } | null;
  error: { code: string; message: string } | null;
}

const moveMutation = `mutation($inputs: [MoveFileInput!]!) { moveFiles(inputs: $inputs) {
  fileId file { id path versionCount head { id } } error { code message } } }`;

describe('moveFiles: a moved file keeps its id and history, and no content travels', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(async () => {
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  async function backUp(path: string, extra: Record<string, unknown> = {}) {
    const chunks = [fakeChunk()];
    await upload(server.url, t.deviceToken, chunks);
    return commitOk(server.url, t.deviceToken, commitInput(path, chunks, extra));
  }

  const move = (inputs: Record<string, unknown>[], token = t.deviceToken) =>
    gql<{ moveFiles: Outcome[] }>(server.url, moveMutation, { inputs }, token);

  const pathsOfUser = async () => {
    const { files } = await gqlOk<{ files: { items: { path: string }[] } }>(
      server.url,
      '{ files(limit: 100) { items { path } } }',
      {},
      t.deviceToken,
    );
    return files.items.map((f) => f.path).sort();
  };

  it('renames a file with two versions; the old path is free and the history is whole', async () => {
    const first = await backUp('Camera/a.jpg');
    const second = await backUp('Camera/a.jpg', { baseVersionId: first.version!.id });

    const { data } = await move([
      { fileId: first.file!.id, toPath: 'Trips/2024/a.jpg', ifHeadVersionId: second.version!.id },
    ]);

    expect(data!.moveFiles).toEqual([
      {
        fileId: first.file!.id,
        file: {
          id: first.file!.id,
          path: 'Trips/2024/a.jpg',
          versionCount: 2,
          head: { id: second.version!.id },
        },
        error: null,
      },
    ]);
    expect(await pathsOfUser()).toEqual(['Trips/2024/a.jpg']);
    const { versions } = await gqlOk<{ versions: { items: { id: string }[] } }>(
      server.url,
      'query($f: ID!) { versions(fileId: $f) { items { id } } }',
      { f: first.file!.id },
      t.deviceToken,
    );
    expect(versions.items.map((v) => v.id).sort()).toEqual(
      [first.version!.id, second.version!.id].sort(),
    );
    // A new file can take the old path.
    expect((await backUp('Camera/a.jpg')).file!.id).not.toBe(first.file!.id);
  });

  it('renames by case only, and to its own path unchanged', async () => {
    const { file } = await backUp('Docs/readme.txt');
    const renamed = await move([{ fileId: file!.id, toPath: 'Docs/README.txt' }]);
    expect(renamed.data!.moveFiles[0]).toMatchObject({ file: { path: 'Docs/README.txt' } });
    const again = await move([{ fileId: file!.id, toPath: 'Docs/README.txt' }]);
    expect(again.data!.moveFiles[0]).toMatchObject({
      file: { path: 'Docs/README.txt' },
      error: null,
    });
    expect(await pathsOfUser()).toEqual(['Docs/README.txt']);
  });

  it('refuses a path a live file holds, or one another item claims, changing nothing', async () => {
    const a = await backUp('A/a.txt');
    const b = await backUp('B/b.txt');
    const c = await backUp('C/c.txt');

    const { data } = await move([
      { fileId: a.file!.id, toPath: 'B/b.txt' },
      { fileId: b.file!.id, toPath: 'New/x.txt' },
      { fileId: c.file!.id, toPath: 'New/x.txt' },
    ]);

    expect(data!.moveFiles.map((o) => o.error?.code ?? o.file!.path)).toEqual([
      'CONFLICT',
      'New/x.txt',
      'CONFLICT',
    ]);
    expect(await pathsOfUser()).toEqual(['A/a.txt', 'C/c.txt', 'New/x.txt']);
  });

  it('answers bad paths, stale heads, trashed and unknown files item by item', async () => {
    const live = await backUp('Keep/live.txt');
    const stale = await backUp('Keep/stale.txt');
    await backUp('Keep/stale.txt', { baseVersionId: stale.version!.id });
    const trashed = await backUp('Keep/trashed.txt');
    await deleteFiles(server.url, t.deviceToken, [{ fileId: trashed.file!.id }]);

    const { data } = await move([
      { fileId: live.file!.id, toPath: 'Keep/../escape.txt' },
      { fileId: live.file!.id, toPath: `Keep/${'x'.repeat(256)}` },
      { fileId: stale.file!.id, toPath: 'Moved/stale.txt', ifHeadVersionId: stale.version!.id },
      { fileId: trashed.file!.id, toPath: 'Moved/trashed.txt' },
      { fileId: '00000000-0000-4000-8000-000000000000', toPath: 'Moved/ghost.txt' },
      { fileId: 'not-an-id', toPath: 'Moved/bad.txt' },
    ]);

    expect(data!.moveFiles.map((o) => o.error?.code)).toEqual([
      'INVALID_PATH',
      'NAME_TOO_LONG',
      'CONFLICT',
      'CONFLICT',
      'NOT_FOUND',
      'BAD_USER_INPUT',
    ]);
    expect(await pathsOfUser()).toEqual(['Keep/live.txt', 'Keep/stale.txt']);
  });

  it("never moves another tenant's file, and needs files:write of an API key", async () => {
    const { file } = await backUp('Mine/photo.jpg');
    const other = await createTenantFixture(server.url);

    const { data } = await move(
      [{ fileId: file!.id, toPath: 'Stolen/photo.jpg' }],
      other.deviceToken,
    );
    expect(data!.moveFiles[0]!.error?.code).toBe('NOT_FOUND');
    const readOnlyKey = await gqlOk<{ createApiKey: { secret: string } }>(
      server.url,
      `mutation($t: ID!) { createApiKey(tenantId: $t, name: "ro", scopes: [FILES_READ]) { secret } }`,
      { t: t.tenantId },
      t.adminToken,
    );
    const refused = await move(
      [{ fileId: file!.id, toPath: 'Other/photo.jpg' }],
      readOnlyKey.createApiKey.secret,
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(await pathsOfUser()).toEqual(['Mine/photo.jpg']);
  });
});
