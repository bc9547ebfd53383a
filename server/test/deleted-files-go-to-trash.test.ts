import { randomUUID } from 'node:crypto';
import { collectChunks } from '../src/jobs/chunk-gc.job';
import {
  createTenantFixture,
  errorCode,
  fakeChunk,
  gql,
  gqlOk,
  registerDevice,
} from './support/api';
import type { TenantFixture } from './support/api';
import { libraryCounts, refCount } from './support/db';
import { commitBatch, commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import {
  deleteFiles,
  emptyTrash,
  livePaths,
  operatorToken,
  restoreFiles,
  trashPaths,
} from './support/trash';

jest.setTimeout(60_000);

describe('deleted files go to trash', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(async () => {
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const pool = () => server.services.pool;

  async function backUp(path: string, chunks = [fakeChunk()], extra: Record<string, unknown> = {}) {
    await upload(server.url, t.deviceToken, chunks);
    return commitOk(server.url, t.deviceToken, commitInput(path, chunks, extra));
  }

  it('leaves the listing, shows in trash with every version, and stays restorable', async () => {
    const first = await backUp('Camera/a.jpg');
    const second = await backUp('Camera/a.jpg', [fakeChunk()], {
      baseVersionId: first.version!.id,
    });
    const before = await libraryCounts(pool(), t.userId);

    const [outcome] = (await deleteFiles(server.url, t.deviceToken, [{ fileId: first.file!.id }]))
      .data!.deleteFiles;

    expect(outcome).toMatchObject({
      error: null,
      file: { versionCount: 3, head: { id: second.version!.id, deleted: false } },
    });
    expect(outcome!.file!.trashedAt).not.toBeNull();
    expect(await livePaths(server.url, t.deviceToken)).toEqual([]);
    expect(await trashPaths(server.url, t.deviceToken)).toEqual(['Camera/a.jpg']);
    const byPath = await gqlOk<{ fileByPath: unknown }>(
      server.url,
      '{ fileByPath(path: "Camera/a.jpg") { id } }',
      {},
      t.deviceToken,
    );
    expect(byPath.fileByPath).toBeNull();

    // History reads newest first: the tombstone, then both contents, each still restorable.
    const { versions } = await gqlOk<{ versions: { items: { id: string; deleted: boolean }[] } }>(
      server.url,
      'query($f: ID!) { versions(fileId: $f) { items { id deleted } } }',
      { f: first.file!.id },
      t.deviceToken,
    );
    expect(versions.items.map((v) => v.deleted)).toEqual([true, false, false]);
    for (const version of [first.version!, second.version!]) {
      const plan = await gqlOk<{ restorePlan: { chunks: unknown[] } }>(
        server.url,
        'query($v: ID!) { restorePlan(versionId: $v) { chunks { chunkId } } }',
        { v: version.id },
        t.deviceToken,
      );
      expect(plan.restorePlan.chunks).toHaveLength(1);
    }
    const tombstone = await gql(
      server.url,
      'query($v: ID!) { restorePlan(versionId: $v) { path } }',
      { v: versions.items[0]!.id },
      t.deviceToken,
    );
    expect(errorCode(tombstone)).toBe('BAD_USER_INPUT');

    // Trash still counts against the user; only emptying it releases bytes and references.
    const after = await libraryCounts(pool(), t.userId);
    expect(after).toMatchObject({
      files: before.files,
      refs: before.refs,
      storedBytes: before.storedBytes,
    });
    expect(Number(after.versions)).toBe(Number(before.versions) + 1);
  });

  it('restores with a new head of the same content and is idempotent', async () => {
    const chunk = fakeChunk();
    const made = await backUp('Docs/cv.pdf', [chunk]);
    await deleteFiles(server.url, t.deviceToken, [{ fileId: made.file!.id }]);
    const again = await deleteFiles(server.url, t.deviceToken, [{ fileId: made.file!.id }]);
    expect(again.data!.deleteFiles[0]).toMatchObject({ error: null, file: { versionCount: 2 } });

    const [restored] = (await restoreFiles(server.url, t.deviceToken, [made.file!.id])).data!
      .restoreFiles;

    expect(restored).toMatchObject({
      error: null,
      file: {
        trashedAt: null,
        versionCount: 3,
        head: { contentHash: made.version!.contentHash, size: made.version!.size },
      },
    });
    expect(restored!.file!.head!.id).not.toBe(made.version!.id);
    expect(await refCount(pool(), t.userId, chunk.id)).toBe('2');
    expect(await livePaths(server.url, t.deviceToken)).toEqual(['Docs/cv.pdf']);
    expect(await trashPaths(server.url, t.deviceToken)).toEqual([]);
    const twice = await restoreFiles(server.url, t.deviceToken, [made.file!.id]);
    expect(twice.data!.restoreFiles[0]).toMatchObject({ error: null, file: { versionCount: 3 } });
  });

  it('lets a path be backed up again; restoring the old file then is CONFLICT and changes nothing', async () => {
    const old = await backUp('Camera/b.jpg');
    await deleteFiles(server.url, t.deviceToken, [{ fileId: old.file!.id }]);

    const recreated = await backUp('Camera/b.jpg', [fakeChunk()], {
      baseVersionId: old.version!.id,
    });

    expect(recreated.file!.id).not.toBe(old.file!.id);
    expect(recreated.conflict).toBe(false);
    expect(await livePaths(server.url, t.deviceToken)).toEqual(['Camera/b.jpg']);
    expect(await trashPaths(server.url, t.deviceToken)).toEqual(['Camera/b.jpg']);

    const before = await libraryCounts(pool(), t.userId);
    const [outcome] = (await restoreFiles(server.url, t.deviceToken, [old.file!.id])).data!
      .restoreFiles;
    expect(outcome).toMatchObject({
      fileId: old.file!.id,
      file: null,
      error: { code: 'CONFLICT' },
    });
    expect(await libraryCounts(pool(), t.userId)).toEqual(before);
  });

  it('answers trashed, and writes nothing, when a device sends trashed content again', async () => {
    const chunk = fakeChunk();
    const input = commitInput('Camera/c.jpg', [chunk], { deviceAssetId: 'asset-1' });
    await upload(server.url, t.deviceToken, [chunk]);
    const made = await commitOk(server.url, t.deviceToken, input);
    await deleteFiles(server.url, t.deviceToken, [{ fileId: made.file!.id }]);
    const before = await libraryCounts(pool(), t.userId);

    const [same, otherAsset] = await commitBatch(server.url, t.deviceToken, [
      { ...input, idempotencyKey: randomUUID() },
      { ...input, path: 'Camera/c.jpg', deviceAssetId: 'asset-2' },
    ]);

    expect(same).toMatchObject({
      trashed: true,
      error: null,
      file: { id: made.file!.id },
      version: { id: made.version!.id },
    });
    // Another asset with the same bytes is another photo: it is backed up.
    expect(otherAsset).toMatchObject({ trashed: false, error: null });
    expect(otherAsset!.file!.id).not.toBe(made.file!.id);
    expect(Number((await libraryCounts(pool(), t.userId)).versions)).toBe(
      Number(before.versions) + 1,
    );
  });

  it('answers each item on its own: unknown, malformed, foreign and moved files fail alone', async () => {
    const mine = await backUp('A/mine.txt');
    const moved = await backUp('A/moved.txt');
    const other = await createTenantFixture(server.url);
    const chunk = fakeChunk();
    await upload(server.url, other.deviceToken, [chunk]);
    const foreign = await commitOk(server.url, other.deviceToken, commitInput('X/y.txt', [chunk]));

    const outcomes = (
      await deleteFiles(server.url, t.deviceToken, [
        { fileId: randomUUID() },
        { fileId: 'not-an-id' },
        { fileId: foreign.file!.id },
        { fileId: moved.file!.id, ifHeadVersionId: mine.version!.id },
        { fileId: mine.file!.id, ifHeadVersionId: mine.version!.id },
      ])
    ).data!.deleteFiles;

    expect(outcomes.map((o) => o.error?.code ?? null)).toEqual([
      'NOT_FOUND',
      'BAD_USER_INPUT',
      'NOT_FOUND',
      'CONFLICT',
      null,
    ]);
    expect(outcomes[1]!.fileId).toBe('not-an-id');
    expect(await livePaths(server.url, t.deviceToken)).toEqual(['A/moved.txt']);
    expect(await livePaths(server.url, other.deviceToken)).toEqual(['X/y.txt']);
  });

  it('lets tenant admins and API keys delete, refuses viewers and another tenant', async () => {
    const a = await backUp('Ops/a.txt');
    const b = await backUp('Ops/b.txt');
    const viewer = await operatorToken(server, t.tenantId, 'TENANT_VIEWER');
    const admin = await operatorToken(server, t.tenantId, 'TENANT_ADMIN');
    const stranger = await operatorToken(
      server,
      (await createTenantFixture(server.url)).tenantId,
      'TENANT_ADMIN',
    );

    const refused = await deleteFiles(server.url, viewer, [{ fileId: a.file!.id }]);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const foreign = await deleteFiles(server.url, stranger, [{ fileId: a.file!.id }]);
    expect(foreign.data!.deleteFiles[0]!.error!.code).toBe('NOT_FOUND');
    expect(errorCode(await emptyTrash(server.url, viewer, { userId: t.userId }))).toBe('FORBIDDEN');

    const byAdmin = await deleteFiles(server.url, admin, [{ fileId: a.file!.id }]);
    const byKey = await deleteFiles(server.url, t.apiKey, [{ fileId: b.file!.id }]);
    expect(byAdmin.data!.deleteFiles[0]!.error).toBeNull();
    expect(byKey.data!.deleteFiles[0]!.error).toBeNull();
    expect((await trashPaths(server.url, viewer, t.userId)).sort()).toEqual([
      'Ops/a.txt',
      'Ops/b.txt',
    ]);
    const restored = await restoreFiles(server.url, admin, [a.file!.id]);
    expect(restored.data!.restoreFiles[0]!.error).toBeNull();
  });

  it('empties trash in one go: versions gone, shared chunks kept, the rest left to GC', async () => {
    const shared = fakeChunk();
    const own = fakeChunk();
    const kept = await backUp('Keep/k.bin', [shared]);
    const doomed = await backUp('Drop/d.bin', [shared, own]);
    const bumped = await backUp('Drop/d.bin', [own], { baseVersionId: doomed.version!.id });
    await deleteFiles(server.url, t.deviceToken, [{ fileId: doomed.file!.id }]);
    expect(await refCount(pool(), t.userId, own.id)).toBe('2');
    const before = await libraryCounts(pool(), t.userId);

    const { emptyTrash: purged } = (await emptyTrash(server.url, t.deviceToken, {})).data!;

    expect(purged).toEqual({
      filesPurged: 1,
      versionsPurged: 3,
      bytesReleased: bumped.version!.size,
    });
    expect(await refCount(pool(), t.userId, shared.id)).toBe('1');
    expect(await refCount(pool(), t.userId, own.id)).toBe('0');
    expect(await libraryCounts(pool(), t.userId)).toMatchObject({
      files: String(Number(before.files) - 1),
      versions: String(Number(before.versions) - 3),
      storedBytes: String(BigInt(before.storedBytes!) - BigInt(bumped.version!.size)),
    });
    expect(await trashPaths(server.url, t.deviceToken)).toEqual([]);

    await collectChunks({
      pool: pool(),
      blobs: server.services.blobs,
      graceSeconds: -1,
      log: server.log,
    });
    expect(await refCount(pool(), t.userId, own.id)).toBeNull();
    expect(await refCount(pool(), t.userId, shared.id)).toBe('1');
    const plan = await gqlOk<{ restorePlan: { chunks: unknown[] } }>(
      server.url,
      'query($v: ID!) { restorePlan(versionId: $v) { chunks { chunkId } } }',
      { v: kept.version!.id },
      t.deviceToken,
    );
    expect(plan.restorePlan.chunks).toHaveLength(1);
  });

  it('refuses to purge a named file that is live or unknown, and changes nothing', async () => {
    const live = await backUp('L/live.txt');
    const gone = await backUp('L/gone.txt');
    await deleteFiles(server.url, t.deviceToken, [{ fileId: gone.file!.id }]);
    const before = await libraryCounts(pool(), t.userId);

    for (const fileIds of [[gone.file!.id, live.file!.id], [randomUUID()], ['nope']]) {
      const result = await emptyTrash(server.url, t.deviceToken, { fileIds });
      expect(errorCode(result)).toBe(fileIds[0] === 'nope' ? 'BAD_USER_INPUT' : 'NOT_FOUND');
    }
    expect(errorCode(await emptyTrash(server.url, t.apiKey, {}))).toBe('BAD_USER_INPUT');
    expect(await libraryCounts(pool(), t.userId)).toEqual(before);

    const named = await emptyTrash(server.url, t.apiKey, { fileIds: [gone.file!.id] });
    expect(named.data!.emptyTrash.filesPurged).toBe(1);
  });

  it('keeps a conflict copy whose base version belonged to a purged file', async () => {
    const base = await backUp('C/doc.txt');
    await backUp('C/doc.txt', [fakeChunk()], { baseVersionId: base.version!.id });
    const tablet = await registerDevice(server.url, t.userToken, 'Tablet');
    const late = fakeChunk();
    await upload(server.url, tablet.deviceToken, [late]);
    const copy = await commitOk(
      server.url,
      tablet.deviceToken,
      commitInput('C/doc.txt', [late], { baseVersionId: base.version!.id }),
    );
    expect(copy.conflict).toBe(true);

    await deleteFiles(server.url, t.deviceToken, [{ fileId: base.file!.id }]);
    const purged = await emptyTrash(server.url, t.deviceToken, {});

    expect(purged.data!.emptyTrash.filesPurged).toBe(1);
    const { version } = await gqlOk<{ version: { baseVersionId: string | null } }>(
      server.url,
      'query($v: ID!) { version(id: $v) { baseVersionId } }',
      { v: copy.version!.id },
      t.apiKey,
    );
    expect(version.baseVersionId).toBeNull();
  });

  it('refuses batches over 500 files', async () => {
    const ids = Array.from({ length: 501 }, () => randomUUID());
    expect(errorCode(await restoreFiles(server.url, t.deviceToken, ids))).toBe('BAD_USER_INPUT');
    const inputs = ids.map((fileId) => ({ fileId }));
    expect(errorCode(await deleteFiles(server.url, t.deviceToken, inputs))).toBe('BAD_USER_INPUT');
  });
});
