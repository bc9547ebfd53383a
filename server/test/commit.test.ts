import { randomBytes } from 'node:crypto';
import { createTenantFixture, fakeChunk, registerDevice } from './support/api';
import type { TenantFixture } from './support/api';
import { libraryCounts, refCount } from './support/db';
import { commit, commitBatch, commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('commitVersion(s)', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it('refuses a chunk that was never uploaded with CHUNKS_MISSING and changes nothing', async () => {
    const stored = fakeChunk();
    const never = fakeChunk();
    await upload(server.url, t.deviceToken, [stored]);
    const before = await libraryCounts(server.services.pool, t.userId);

    const result = await commit(
      server.url,
      t.deviceToken,
      commitInput('Docs/a.pdf', [stored, never]),
    );

    expect(result.data?.commitVersion).toMatchObject({
      file: null,
      version: null,
      error: { code: 'CHUNKS_MISSING', retryable: true, missingChunkIds: [never.id] },
    });
    expect(await libraryCounts(server.services.pool, t.userId)).toEqual(before);
  });

  it.each([
    ['plainSizes not adding up to size', { size: '5' }, 'BAD_USER_INPUT'],
    ['a ".." component', { path: 'Camera/../etc/passwd' }, 'INVALID_PATH'],
    ['a NUL character', { path: 'Camera/a\u0000b.jpg' }, 'INVALID_PATH'],
    ['an empty component', { path: 'Camera//a.jpg' }, 'INVALID_PATH'],
    ['an absolute path', { path: '/Camera/a.jpg' }, 'INVALID_PATH'],
    ['a component over 255 bytes', { path: `Camera/${'é'.repeat(128)}` }, 'NAME_TOO_LONG'],
    ['a bad content hash', { contentHash: 'XYZ' }, 'BAD_USER_INPUT'],
    ['a bad chunk id', { chunks: [{ id: 'abc', plainSize: '972' }] }, 'BAD_USER_INPUT'],
    [
      'a zero plainSize',
      { size: '0', chunks: [{ id: 'a'.repeat(64), plainSize: '0' }] },
      'BAD_USER_INPUT',
    ],
    ['a malformed base version id', { baseVersionId: 'nope' }, 'BAD_USER_INPUT'],
    [
      'an unknown base version',
      { baseVersionId: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
    ],
    ['a bad clientMtime', { clientMtime: 'yesterday' }, 'BAD_USER_INPUT'],
  ])('refuses %s and changes nothing', async (_, change, code) => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const before = await libraryCounts(server.services.pool, t.userId);

    const result = await commit(server.url, t.deviceToken, {
      ...commitInput(`Bad/${randomBytes(4).toString('hex')}.bin`, [chunk]),
      ...change,
    });

    const error = result.data?.commitVersion.error ?? result.errors?.[0]?.extensions;
    expect(error).toMatchObject({ code, retryable: false });
    expect(await libraryCounts(server.services.pool, t.userId)).toEqual(before);
  });

  it('returns the first outcome when a commit is retried with the same idempotency key', async () => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const input = commitInput('Retry/once.txt', [chunk], {
      idempotencyKey: randomBytes(8).toString('hex'),
    });

    const first = await commitOk(server.url, t.deviceToken, input);
    const before = await libraryCounts(server.services.pool, t.userId);
    const again = await commitOk(server.url, t.deviceToken, input);
    const [inBatch] = await commitBatch(server.url, t.deviceToken, [input]);

    expect(again.version?.id).toBe(first.version?.id);
    expect(inBatch?.version?.id).toBe(first.version?.id);
    expect(await libraryCounts(server.services.pool, t.userId)).toEqual(before);
    expect(await refCount(server.services.pool, t.userId, chunk.id)).toBe('1');
  });

  it('refuses an idempotency key reused for other content, in a later call and in a batch', async () => {
    const [a, b] = [fakeChunk(), fakeChunk()];
    await upload(server.url, t.deviceToken, [a, b]);
    const key = randomBytes(8).toString('hex');
    await commitOk(
      server.url,
      t.deviceToken,
      commitInput('Reuse/a.bin', [a], { idempotencyKey: key }),
    );
    const before = await libraryCounts(server.services.pool, t.userId);

    const later = await commit(
      server.url,
      t.deviceToken,
      commitInput('Reuse/b.bin', [b], { idempotencyKey: key }),
    );
    const otherKey = randomBytes(8).toString('hex');
    const batch = await commitBatch(server.url, t.deviceToken, [
      commitInput('Reuse/c.bin', [a], { idempotencyKey: otherKey }),
      commitInput('Reuse/d.bin', [b], { idempotencyKey: otherKey }),
    ]);

    expect(later.data?.commitVersion.error).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect(batch.map((o) => o.error?.code ?? null)).toEqual([null, 'CONFLICT']);
    const after = await libraryCounts(server.services.pool, t.userId);
    expect(after).not.toEqual(before); // Reuse/c.bin landed
    expect(await refCount(server.services.pool, t.userId, b.id)).toBe('0');
  });

  it('moves reference counts and stored bytes with each version', async () => {
    const [a, b] = [fakeChunk(), fakeChunk()];
    await upload(server.url, t.deviceToken, [a, b]);

    const v1 = await commitOk(server.url, t.deviceToken, commitInput('Refs/f.bin', [a, a, b]));
    expect(await refCount(server.services.pool, t.userId, a.id)).toBe('2');
    expect(await refCount(server.services.pool, t.userId, b.id)).toBe('1');

    const v2 = await commitOk(
      server.url,
      t.deviceToken,
      commitInput('Refs/f.bin', [b], { baseVersionId: v1.version!.id }),
    );
    expect(v2).toMatchObject({ conflict: false, file: { id: v1.file!.id, versionCount: 2 } });
    expect(v2.file?.head?.id).toBe(v2.version!.id);
    expect(await refCount(server.services.pool, t.userId, a.id)).toBe('2');
    expect(await refCount(server.services.pool, t.userId, b.id)).toBe('2');
  });

  it('answers the current head without a new version when the content is already there', async () => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const input = commitInput('Same/again.txt', [chunk]);
    const first = await commitOk(server.url, t.deviceToken, input);
    const again = await commitOk(server.url, t.deviceToken, { ...input, idempotencyKey: 'other' });
    expect(again).toMatchObject({ conflict: false, version: { id: first.version!.id } });
  });

  it('commits a batch where one bad item fails alone', async () => {
    const chunks = Array.from({ length: 20 }, () => fakeChunk(200));
    await upload(server.url, t.deviceToken, chunks);
    const inputs = chunks.map((c, i) => commitInput(`Batch/${i}.txt`, [c]));
    inputs[7] = { ...inputs[7]!, path: 'Batch/../7.txt' };
    inputs[12] = commitInput('Batch/12.txt', [fakeChunk()]);

    const outcomes = await commitBatch(server.url, t.deviceToken, inputs);

    expect(outcomes).toHaveLength(20);
    expect(outcomes[7]?.error?.code).toBe('INVALID_PATH');
    expect(outcomes[12]?.error?.code).toBe('CHUNKS_MISSING');
    const ok = outcomes.filter((o) => o.version !== null);
    expect(ok).toHaveLength(18);
    expect(new Set(ok.map((o) => o.file!.path)).size).toBe(18);
    expect(outcomes[3]).toMatchObject({
      path: 'Batch/3.txt',
      error: null,
      file: { path: 'Batch/3.txt' },
    });
  });

  it('keeps sizes over 2^32 exact, as strings', async () => {
    const big = fakeChunk(64, 4 * 1024 * 1024);
    await upload(server.url, t.deviceToken, [big]);
    const input = commitInput(
      'Movies/long.mov',
      Array.from({ length: 1025 }, () => big),
    );
    expect(input.size).toBe('4299161600');

    const outcome = await commitOk(server.url, t.deviceToken, input);

    expect(outcome.version).toMatchObject({ size: '4299161600', chunkCount: 1025 });
    expect(await refCount(server.services.pool, t.userId, big.id)).toBe('1025');
    const { rows } = await server.services.pool.query<{ offset: string }>(
      'select "offset"::text from version_chunk where version_id = $1 and index = 1024',
      [outcome.version!.id],
    );
    expect(rows[0]?.offset).toBe('4294967296');
  });

  it('compares sizes over 2^53 without rounding', async () => {
    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const result = await commit(server.url, t.deviceToken, {
      ...commitInput('Huge/x.bin', [chunk]),
      size: '9007199254740993',
    });
    expect(result.data?.commitVersion.error?.code).toBe('BAD_USER_INPUT');
    expect(result.data?.commitVersion.error?.message).toContain('9007199254740993');

    const overInt64 = await commit(server.url, t.deviceToken, {
      ...commitInput('Huge/y.bin', [chunk]),
      size: '9223372036854775808',
    });
    expect(overInt64.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('conflicts', () => {
    it('KEEP_BOTH writes the later commit as a sibling copy named after its device', async () => {
      const second = await registerDevice(server.url, t.userToken, 'iPad');
      const [a, b, c] = [fakeChunk(), fakeChunk(), fakeChunk()];
      await upload(server.url, t.deviceToken, [a, b, c]);
      const base = await commitOk(server.url, t.deviceToken, commitInput('Notes/todo.txt', [a]));
      const baseVersionId = base.version!.id;

      const winner = await commitOk(
        server.url,
        t.deviceToken,
        commitInput('Notes/todo.txt', [b], { baseVersionId }),
      );
      const loser = await commitOk(
        server.url,
        second.deviceToken,
        commitInput('Notes/todo.txt', [c], { baseVersionId }),
      );

      expect(winner.conflict).toBe(false);
      expect(loser.conflict).toBe(true);
      expect(loser.file?.path).toMatch(
        /^Notes\/todo \(conflict iPad \d{4}-\d{2}-\d{2} \d{6}\)\.txt$/,
      );
      expect(loser.version?.baseVersionId).toBe(baseVersionId);
      expect(loser.file?.id).not.toBe(base.file?.id);
    });

    it('NEWEST_WINS makes the later commit head and keeps the other in history', async () => {
      const n = await createTenantFixture(server.url, 'NEWEST_WINS');
      const second = await registerDevice(server.url, n.userToken, 'Tablet');
      const [a, b, c] = [fakeChunk(), fakeChunk(), fakeChunk()];
      await upload(server.url, n.deviceToken, [a, b, c]);
      const base = await commitOk(server.url, n.deviceToken, commitInput('Notes/todo.txt', [a]));
      const baseVersionId = base.version!.id;

      const first = await commitOk(
        server.url,
        n.deviceToken,
        commitInput('Notes/todo.txt', [b], { baseVersionId }),
      );
      const later = await commitOk(
        server.url,
        second.deviceToken,
        commitInput('Notes/todo.txt', [c], { baseVersionId }),
      );

      expect(later).toMatchObject({ conflict: true, file: { id: base.file!.id, versionCount: 3 } });
      expect(later.file?.head?.id).toBe(later.version!.id);
      expect(BigInt(later.version!.seq)).toBeGreaterThan(BigInt(first.version!.seq));
    });
  });
});
