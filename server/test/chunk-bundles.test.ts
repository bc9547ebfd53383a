import { objectExists } from './support/stored-objects';
import { createTenantFixture, fakeChunk } from './support/api';
import type { TenantFixture } from './support/api';
import { prepare } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { chunkBlobKey } from '../src/files/chunk-tokens';
import { bundleMaxBytes } from '../src/http/chunk-bundle-route';

type Chunk = ReturnType<typeof fakeChunk>;

interface BundleAnswer {
  results?: { chunkId: string | null; outcome: string; code?: string }[];
  code?: string;
}

/** `[u16 tokenLength][token][u32 byteLength][bytes]` per frame. */
function frame(token: string, bytes: Buffer): Buffer {
  const head = Buffer.alloc(2 + token.length + 4);
  head.writeUInt16BE(token.length, 0);
  head.write(token, 2, 'latin1');
  head.writeUInt32BE(bytes.length, 2 + token.length);
  return Buffer.concat([head, bytes]);
}

describe('POST /v1/chunk-bundles', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const tokenOf = (url: string) => new URL(url, server.url).searchParams.get('token')!;
  const tokensFor = async (chunks: Chunk[]) => {
    const missing = await prepare(server.url, t.deviceToken, chunks);
    return chunks.map((c) => tokenOf(missing.find((m) => m.chunkId === c.id)!.url));
  };
  const send = async (body: Buffer) => {
    const res = await fetch(new URL('/v1/chunk-bundles', server.url), { method: 'POST', body });
    return { status: res.status, body: (await res.json()) as BundleAnswer };
  };
  const isStored = async (chunk: Chunk) => {
    const key = chunkBlobKey(t.tenantId, t.userId, chunk.checksum);
    const rows = await server.services.pool.query('select 1 from chunk where hash = $1', [
      chunk.id,
    ]);
    return { row: rows.rowCount === 1, file: await objectExists(server, key) };
  };

  it('stores every chunk of a bundle and answers one result each, in order', async () => {
    const chunks = [fakeChunk(), fakeChunk(300), fakeChunk(5000)];
    const tokens = await tokensFor(chunks);
    const body = Buffer.concat(chunks.map((c, i) => frame(tokens[i]!, c.body)));

    const first = await send(body);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual(chunks.map((c) => ({ chunkId: c.id, outcome: 'stored' })));
    for (const c of chunks) expect(await isStored(c)).toEqual({ row: true, file: true });
    expect(await prepare(server.url, t.deviceToken, chunks)).toEqual([]);

    const again = await send(body);
    expect(again.body.results?.map((r) => r.outcome)).toEqual([
      'alreadyStored',
      'alreadyStored',
      'alreadyStored',
    ]);
  });

  it('fails only the bad frames of a mixed bundle: wrong token, mismatch, length', async () => {
    const [good, altered, forged, shortened, last] = [1, 2, 3, 4, 5].map(() => fakeChunk());
    const tokens = await tokensFor([good!, altered!, forged!, shortened!, last!]);
    const flipped = Buffer.from(altered!.body);
    flipped.writeUInt8(flipped.readUInt8(0) ^ 1, 0);
    const body = Buffer.concat([
      frame(tokens[0]!, good!.body),
      frame(tokens[1]!, flipped),
      frame(`${tokens[2]!.slice(0, -2)}xx`, forged!.body),
      frame(tokens[3]!, shortened!.body.subarray(1)),
      frame(tokens[4]!, last!.body),
    ]);

    const res = await send(body);

    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { chunkId: good!.id, outcome: 'stored' },
      expect.objectContaining({ chunkId: altered!.id, outcome: 'failed', code: 'CHUNK_MISMATCH' }),
      expect.objectContaining({ chunkId: null, outcome: 'failed', code: 'UNAUTHENTICATED' }),
      expect.objectContaining({ chunkId: shortened!.id, code: 'CHUNK_MISMATCH' }),
      { chunkId: last!.id, outcome: 'stored' },
    ]);
    for (const c of [altered!, forged!, shortened!]) {
      expect(await isStored(c)).toEqual({ row: false, file: false });
    }
    expect(await isStored(last!)).toEqual({ row: true, file: true });
  });

  it('refuses a download token as an upload token', async () => {
    const chunk = fakeChunk();
    const [token] = await tokensFor([chunk]);
    const [body, sig] = token!.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as object;
    const asGet = Buffer.from(JSON.stringify({ ...claims, op: 'get' })).toString('base64url');
    const res = await send(frame(`${asGet}.${sig!}`, chunk.body));
    expect(res.body.results?.[0]).toMatchObject({ outcome: 'failed', code: 'UNAUTHENTICATED' });
    expect(await isStored(chunk)).toEqual({ row: false, file: false });
  });

  it('stores the whole frames of a truncated body and fails the cut one', async () => {
    const [whole, cut] = [fakeChunk(), fakeChunk()];
    const tokens = await tokensFor([whole, cut]);
    const body = Buffer.concat([frame(tokens[0]!, whole.body), frame(tokens[1]!, cut.body)]);

    const res = await send(body.subarray(0, body.length - 10));

    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { chunkId: whole.id, outcome: 'stored' },
      expect.objectContaining({ chunkId: cut.id, outcome: 'failed', code: 'BAD_USER_INPUT' }),
    ]);
    expect(await isStored(cut)).toEqual({ row: false, file: false });
  });

  it('answers 413 for a body over the bundle limit and stores nothing', async () => {
    const chunk = fakeChunk();
    const [token] = await tokensFor([chunk]);
    const body = Buffer.concat([frame(token!, chunk.body), Buffer.alloc(bundleMaxBytes)]);
    const res = await send(body);
    expect([res.status, res.body.code]).toEqual([413, 'BAD_USER_INPUT']);
    expect(await isStored(chunk)).toEqual({ row: false, file: false });
  });

  it('answers 413 for a frame that declares more than one chunk may hold', async () => {
    const chunk = fakeChunk();
    const [token] = await tokensFor([chunk]);
    const head = frame(token!, Buffer.alloc(0));
    head.writeUInt32BE(64 * 1024 * 1024, head.length - 4);
    const res = await send(Buffer.concat([head, chunk.body]));
    expect(res.status).toBe(413);
  });
});
