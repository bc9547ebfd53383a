import { createTenantFixture, fakeChunk, gql } from './support/api';
import type { TenantFixture } from './support/api';
import { commitBatch, commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { deleteFiles } from './support/trash';

jest.setTimeout(60_000);

describe('a path is a file or a folder, never both', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  async function inputs(paths: string[]) {
    const chunks = paths.map(() => fakeChunk());
    await upload(server.url, t.deviceToken, chunks);
    return paths.map((path, i) => commitInput(path, [chunks[i]!]));
  }
  async function outcomes(paths: string[]) {
    const answer = await commitBatch(server.url, t.deviceToken, await inputs(paths));
    return answer.map((o) => o.error?.code ?? 'OK');
  }

  it('refuses a file inside a file, and a file where a folder holds files', async () => {
    await commitOk(server.url, t.deviceToken, (await inputs(['Pics/sub/n.txt']))[0]!);
    expect(await outcomes(['Pics/sub/n.txt/b.txt', 'Pics/sub', 'Pics', 'Pics/sub/m.txt'])).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'OK',
    ]);
    // A name that only starts like the folder is another path.
    expect(await outcomes(['Pics/su', 'Pics/sub0', 'Pics/sub.txt'])).toEqual(['OK', 'OK', 'OK']);
  });

  it('holds within one batch, in either order', async () => {
    expect(await outcomes(['Batch/a', 'Batch/a/b', 'Other/x/y', 'Other/x'])).toEqual([
      'OK',
      'CONFLICT',
      'OK',
      'CONFLICT',
    ]);
  });

  it('lets a trashed file give way to a folder', async () => {
    const [done] = await commitBatch(server.url, t.deviceToken, await inputs(['Gone/f']));
    await deleteFiles(server.url, t.deviceToken, [{ fileId: done!.file!.id }]);
    expect(await outcomes(['Gone/f/inside.txt'])).toEqual(['OK']);
    // Back from trash it would be a file where a folder now is.
    const back = await gql<{ restoreFiles: { error: { code: string } | null }[] }>(
      server.url,
      'mutation($ids: [ID!]!) { restoreFiles(fileIds: $ids) { error { code } } }',
      { ids: [done!.file!.id] },
      t.deviceToken,
    );
    expect(back.data!.restoreFiles[0]!.error).toEqual({ code: 'CONFLICT' });
  });

  it('refuses a move that would make a path both', async () => {
    const [file, other] = await commitBatch(
      server.url,
      t.deviceToken,
      await inputs(['Move/file.txt', 'Move/dir/x.txt']),
    );
    const move = (fileId: string, toPath: string) =>
      gql<{ moveFiles: { error: { code: string } | null }[] }>(
        server.url,
        'mutation($i: [MoveFileInput!]!) { moveFiles(inputs: $i) { error { code } } }',
        { i: [{ fileId, toPath }] },
        t.deviceToken,
      );
    expect((await move(other!.file!.id, 'Move/file.txt/x.txt')).data!.moveFiles[0]!.error).toEqual({
      code: 'CONFLICT',
    });
    expect((await move(file!.file!.id, 'Move/dir')).data!.moveFiles[0]!.error).toEqual({
      code: 'CONFLICT',
    });
    expect((await move(file!.file!.id, 'Move/dir/file.txt')).data!.moveFiles[0]!.error).toBeNull();
  });
});
