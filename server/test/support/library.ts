import { randomBytes } from 'node:crypto';
import type { fakeChunk } from './api';
import { gql, gqlOk } from './api';

type Chunk = ReturnType<typeof fakeChunk>;

export const commitFields = `path conflict trashed
  file { id path versionCount head { id seq size } }
  version { id seq size contentHash chunkCount baseVersionId }
  error { code message retryable missingChunkIds }`;

export interface Outcome {
  path: string;
  conflict: boolean;
  trashed: boolean;
  file: {
    id: string;
    path: string;
    versionCount: number;
    head: { id: string; seq: string; size: string } | null;
  } | null;
  version: {
    id: string;
    seq: string;
    size: string;
    contentHash: string;
    chunkCount: number;
    baseVersionId: string | null;
  } | null;
  error: {
    code: string;
    message: string;
    retryable: boolean;
    missingChunkIds: string[] | null;
  } | null;
}

export async function prepare(url: string, token: string, chunks: Chunk[]) {
  const data = await gqlOk<{
    prepareUpload: { missing: { chunkId: string; url: string; method: string }[] };
  }>(
    url,
    `mutation($c: [ChunkDeclaration!]!) {
       prepareUpload(chunks: $c) { missing { chunkId url method expiresAt } } }`,
    { c: chunks.map(({ id, plainSize, size, checksum }) => ({ id, plainSize, size, checksum })) },
    token,
  );
  return data.prepareUpload.missing;
}

export async function putChunk(url: string, target: string, body: Buffer) {
  const res = await fetch(new URL(target, url), { method: 'PUT', body });
  return { status: res.status, body: (await res.json()) as { code?: string } };
}

/** prepareUpload + PUT of every missing chunk. */
export async function upload(url: string, token: string, chunks: Chunk[]) {
  const missing = await prepare(url, token, chunks);
  for (const target of missing) {
    const chunk = chunks.find((c) => c.id === target.chunkId)!;
    const put = await putChunk(url, target.url, chunk.body);
    if (put.status !== 201 && put.status !== 200) throw new Error(`PUT ${put.status}`);
  }
  return missing;
}

export function commitInput(path: string, chunks: Chunk[], extra: Record<string, unknown> = {}) {
  const size = chunks.reduce((sum, c) => sum + BigInt(c.plainSize), 0n);
  return {
    path,
    size: size.toString(),
    contentHash: randomBytes(32).toString('hex'),
    chunks: chunks.map((c) => ({ id: c.id, plainSize: c.plainSize })),
    ...extra,
  };
}

export async function commit(url: string, token: string, input: Record<string, unknown>) {
  return gql<{ commitVersion: Outcome }>(
    url,
    `mutation($i: CommitVersionInput!) { commitVersion(input: $i) { ${commitFields} } }`,
    { i: input },
    token,
  );
}

export async function commitOk(url: string, token: string, input: Record<string, unknown>) {
  const result = await commit(url, token, input);
  const outcome = result.data?.commitVersion;
  if (!outcome || outcome.error) throw new Error(`commit failed: ${JSON.stringify(result)}`);
  return outcome;
}

export async function commitBatch(url: string, token: string, inputs: Record<string, unknown>[]) {
  const data = await gqlOk<{ commitVersions: Outcome[] }>(
    url,
    `mutation($i: [CommitVersionInput!]!) { commitVersions(inputs: $i) { ${commitFields} } }`,
    { i: inputs },
    token,
  );
  return data.commitVersions;
}

/** A chunk-bundle body: `[u16 tokenLength][token][u32 byteLength][bytes]` per frame. */
export function bundleBody(frames: { token: string; bytes: Buffer }[]): Buffer {
  return Buffer.concat(
    frames.flatMap(({ token, bytes }) => {
      const head = Buffer.alloc(2 + token.length + 4);
      head.writeUInt16BE(token.length, 0);
      head.write(token, 2, 'latin1');
      head.writeUInt32BE(bytes.length, 2 + token.length);
      return [head, bytes];
    }),
  );
}

/** The signed token inside an upload or download URL. */
export const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('token')!;
