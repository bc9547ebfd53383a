import { createHash, randomUUID } from 'node:crypto';
import type { GraphQLResponse, HttpResult, Transport } from '../../src/core/ports';

interface StoredChunk {
  bytes: Uint8Array;
  plainSize: number;
  checksum: string;
}

interface MemoryVersion {
  id: string;
  seq: string;
  size: string;
  contentHash: string;
  chunkCount: number;
  clientMtime: string | null;
  deviceId: string | null;
  createdAt: string;
  chunks: { id: string; plainSize: string }[];
}

interface MemoryFile {
  id: string;
  path: string;
  deviceAssetId: string | null;
  versions: MemoryVersion[];
}

type Vars = Record<string, unknown>;
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The upload, commit and restore protocol of the server, in memory, for testing the engines'
 * logic without a database. It checks what the real server checks (declared sizes, checksums,
 * every chunk present at commit) and can inject the failures the engines must survive.
 */
export class MemoryServer implements Transport {
  readonly chunks = new Map<string, StoredChunk>();
  readonly files = new Map<string, MemoryFile>();
  private readonly declared = new Map<string, { size: number; checksum: string; plain: number }>();
  private seq = 0;
  puts = 0;
  gets = 0;
  inFlightPuts = 0;
  maxInFlightPuts = 0;
  prepareCalls = 0;
  commitCalls = 0;
  /** Answer the next N PUTs with a 503. */
  failNextPuts = 0;
  /** Paths whose commit the server refuses with INVALID_PATH. */
  readonly refusedPaths = new Set<string>();
  /** Drop every stored chunk just before the next commit batch, as a failed disk would. */
  loseChunksBeforeNextCommit = false;

  async graphql<T>(query: string, variables: unknown): Promise<GraphQLResponse<T>> {
    await Promise.resolve();
    const name = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
    const vars = variables as Vars;
    const data = ((): unknown => {
      switch (name) {
        case 'PrepareUpload':
          return { prepareUpload: this.prepare(vars.chunks as Vars[]) };
        case 'CommitVersions':
          if (this.loseChunksBeforeNextCommit) this.chunks.clear();
          this.loseChunksBeforeNextCommit = false;
          return { commitVersions: (vars.inputs as Vars[]).map((i) => this.commit(i)) };
        case 'Files':
          return { files: this.list(vars) };
        case 'RestorePlan':
          return { restorePlan: this.plan(vars.versionId as string) };
        case undefined:
        default:
          throw new Error(`the memory server does not answer ${name}`);
      }
    })();
    return { data: data as T };
  }

  async put(url: string, parts: readonly Uint8Array[]): Promise<HttpResult> {
    const body = Buffer.concat(parts);
    this.puts++;
    this.inFlightPuts++;
    this.maxInFlightPuts = Math.max(this.maxInFlightPuts, this.inFlightPuts);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.inFlightPuts--;
    if (this.failNextPuts > 0) {
      this.failNextPuts--;
      return { status: 503, body: json({ code: 'INTERNAL_SERVER_ERROR', message: 'busy' }) };
    }
    const id = new URL(url).pathname.split('/').pop() ?? '';
    const want = this.declared.get(id);
    if (!want || want.size !== body.length || want.checksum !== sha256(body)) {
      return { status: 400, body: json({ code: 'CHUNK_MISMATCH', message: 'bad chunk' }) };
    }
    const existed = this.chunks.has(id);
    this.chunks.set(id, { bytes: body.slice(), plainSize: want.plain, checksum: want.checksum });
    return { status: existed ? 200 : 201, body: new Uint8Array() };
  }

  async get(url: string): Promise<HttpResult> {
    await Promise.resolve();
    this.gets++;
    const id = new URL(url).pathname.split('/').pop() ?? '';
    const chunk = this.chunks.get(id);
    if (!chunk) return { status: 404, body: json({ code: 'NOT_FOUND', message: 'no chunk' }) };
    return { status: 200, body: chunk.bytes.slice() };
  }

  headOf(path: string): MemoryVersion | undefined {
    return this.files.get(path)?.versions.at(-1);
  }

  private prepare(chunks: Vars[]) {
    this.prepareCalls++;
    const missing = [];
    for (const c of chunks) {
      const id = c.id as string;
      const entry = {
        size: Number(c.size),
        checksum: c.checksum as string,
        plain: Number(c.plainSize),
      };
      this.declared.set(id, entry);
      if (!this.chunks.has(id)) {
        missing.push({
          chunkId: id,
          url: `/v1/chunks/${id}?token=t`,
          method: 'PUT',
          expiresAt: '',
        });
      }
    }
    return { missing };
  }

  private commit(input: Vars) {
    this.commitCalls++;
    const path = input.path as string;
    const fail = (code: string, extra: Vars = {}) => ({
      path,
      conflict: false,
      file: null,
      version: null,
      error: {
        code,
        message: code,
        retryable: code === 'CHUNKS_MISSING',
        missingChunkIds: null,
        ...extra,
      },
    });
    if (this.refusedPaths.has(path)) return fail('INVALID_PATH');
    const chunks = input.chunks as { id: string; plainSize: string }[];
    const missingIds = chunks.filter((c) => !this.chunks.has(c.id)).map((c) => c.id);
    if (missingIds.length > 0) return fail('CHUNKS_MISSING', { missingChunkIds: missingIds });
    const total = chunks.reduce((n, c) => n + Number(c.plainSize), 0);
    if (String(total) !== input.size) return fail('BAD_USER_INPUT');

    const file = this.files.get(path) ?? {
      id: randomUUID(),
      path,
      deviceAssetId: null,
      versions: [],
    };
    this.files.set(path, file);
    file.deviceAssetId = (input.deviceAssetId as string | null) ?? null;
    const version: MemoryVersion = {
      id: randomUUID(),
      seq: String(++this.seq),
      size: input.size,
      contentHash: input.contentHash as string,
      chunkCount: chunks.length,
      clientMtime: (input.clientMtime as string | null) ?? null,
      deviceId: 'device-1',
      createdAt: new Date().toISOString(),
      chunks,
    };
    file.versions.push(version);
    return { path, conflict: false, file: { id: file.id, path }, version, error: null };
  }

  private list(vars: Vars) {
    const prefix = (vars.pathPrefix as string | null) ?? '';
    const all = [...this.files.values()].filter((f) => f.path.startsWith(prefix));
    const offset = (vars.offset as number) ?? 0;
    const limit = (vars.limit as number) ?? 100;
    const items = all.slice(offset, offset + limit).map((f) => ({
      id: f.id,
      path: f.path,
      deviceAssetId: f.deviceAssetId,
      head: f.versions.at(-1) ?? null,
    }));
    return { total: all.length, items };
  }

  private plan(versionId: string) {
    for (const file of this.files.values()) {
      const version = file.versions.find((v) => v.id === versionId);
      if (!version) continue;
      let offset = 0;
      const chunks = version.chunks.map((c, index) => {
        const stored = this.chunks.get(c.id)!;
        const row = {
          index,
          chunkId: c.id,
          offset: String(offset),
          plainSize: c.plainSize,
          size: String(stored.bytes.length),
          checksum: stored.checksum,
          url: `/v1/chunks/${c.id}?token=t`,
        };
        offset += Number(c.plainSize);
        return row;
      });
      return { path: file.path, version, chunks };
    }
    throw new Error(`no version ${versionId}`);
  }
}
