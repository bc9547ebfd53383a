import { createTenantFixture, errorCode, fakeChunk, gql, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { commitBatch, commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { deleteFiles, restoreFiles } from './support/trash';

jest.setTimeout(60_000);

interface Entry {
  path: string;
  file: { id: string };
  version: { id: string };
}

describe('libraryAt: the library as of a time', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  async function at(time: string, extra: Record<string, unknown> = {}, token = t.deviceToken) {
    const data = await gqlOk<{ libraryAt: { total: number; items: Entry[] } }>(
      server.url,
      `query($at: DateTime!, $p: String, $o: Int, $l: Int, $u: ID) {
         libraryAt(at: $at, pathPrefix: $p, offset: $o, limit: $l, userId: $u) {
           total items { path file { id } version { id } } } }`,
      { at: time, ...extra },
      token,
    );
    return data.libraryAt;
  }

  /** The server's clock, after a pause, so the times taken fall strictly between commits. */
  async function now(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { rows } = await server.services.pool.query<{ t: Date }>('select now() as t');
    const time = rows[0]!.t.toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return time;
  }

  async function backUp(path: string, baseVersionId?: string) {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    return commitOk(server.url, t.deviceToken, commitInput(path, [chunk], { baseVersionId }));
  }

  it('follows changes, deletions and restores by server commit time', async () => {
    const beforeAll = await now();
    const v1 = await backUp('Notes/a.txt');
    const t1 = await now();
    const v2 = await backUp('Notes/a.txt', v1.version!.id);
    const t2 = await now();
    await deleteFiles(server.url, t.deviceToken, [{ fileId: v1.file!.id }]);
    const t3 = await now();
    const restored = await restoreFiles(server.url, t.deviceToken, [v1.file!.id]);
    const t4 = await now();

    expect((await at(beforeAll)).items).toEqual([]);
    expect((await at(t1)).items).toEqual([
      { path: 'Notes/a.txt', file: { id: v1.file!.id }, version: { id: v1.version!.id } },
    ]);
    expect((await at(t2)).items[0]!.version.id).toBe(v2.version!.id);
    // In trash at t3: left out. Restored by t4: back, as the restore's copy of v2.
    expect(await at(t3)).toEqual({ total: 0, items: [] });
    expect((await at(t4)).items[0]!.version.id).toBe(
      restored.data!.restoreFiles[0]!.file!.head!.id,
    );
  });

  it('includes a file trashed after the time, pages in path order and filters by prefix', async () => {
    const paths = Array.from({ length: 12 }, (_, i) => `Bulk/f-${String(i).padStart(2, '0')}.txt`);
    const chunks = paths.map(() => fakeChunk());
    await upload(server.url, t.deviceToken, chunks);
    const outcomes = await commitBatch(
      server.url,
      t.deviceToken,
      paths.map((path, i) => commitInput(path, [chunks[i]!])),
    );
    const time = await now();
    await deleteFiles(server.url, t.deviceToken, [{ fileId: outcomes[0]!.file!.id }]);
    await backUp('Other/x.txt');

    const pages: string[] = [];
    for (let offset = 0; offset < 12; offset += 5) {
      const page = await at(time, { p: 'Bulk/', o: offset, l: 5 });
      expect(page.total).toBe(12);
      pages.push(...page.items.map((e) => e.path));
    }
    expect(pages).toEqual(paths);
    expect((await at(time, { p: 'Bulk/', o: 20, l: 5 })).total).toBe(12);
    expect((await at(time, { p: 'Other/' })).items).toEqual([]);
  });

  it('lets an operator read a named user, and refuses bad input', async () => {
    const time = await now();
    expect((await at(time, { u: t.userId }, t.apiKey)).total).toBeGreaterThan(0);
    const bad = [{ at: 'yesterday' }, { at: time, l: 5000 }, { at: time, p: 'a\u0000b' }];
    for (const variables of bad) {
      const result = await gql(
        server.url,
        'query($at: DateTime!, $p: String, $l: Int) { libraryAt(at: $at, pathPrefix: $p, limit: $l) { total } }',
        variables,
        t.deviceToken,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
    const noUser = await gql(
      server.url,
      'query($at: DateTime!) { libraryAt(at: $at) { total } }',
      { at: time },
      t.apiKey,
    );
    expect(errorCode(noUser)).toBe('BAD_USER_INPUT');
  });
});
