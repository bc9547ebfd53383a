/**
 * Small chunks travel in bundles (`POST /v1/chunk-bundles`): one request per many chunks spares
 * the per-request and per-fsync costs that dominate a folder of small files. A frame is
 * `[u16 tokenLength][token][u32 byteLength][stored bytes]`, big-endian; the token is the one
 * `prepareUpload` handed out for that chunk's PUT.
 */

/** Chunks below this go in bundles; larger ones keep their own PUT. */
export const bundleChunkMaxBytes = 512 * 1024;
/** Well under the server's 16 MiB / 512-chunk bundle limits. */
export const bundleMaxBytes = 8 * 1024 * 1024;
export const bundleMaxChunks = 128;
export const bundlePath = '/v1/chunk-bundles';

export interface BundleItem {
  token: string;
  parts: readonly Uint8Array[];
}

export type BundleResult =
  | { chunkId: string; outcome: 'stored' | 'alreadyStored' }
  | { chunkId: string | null; outcome: 'failed'; code: string; message: string };

/**
 * The PUT token of an upload URL, when the URL is this server's own chunk route (a bundle only
 * reaches our server; absolute URLs elsewhere, such as a bucket's signed URLs, stay PUTs).
 */
export function bundleToken(url: string, serverUrl: string, chunkId: string): string | null {
  const resolved = new URL(url, serverUrl);
  if (resolved.origin !== new URL(serverUrl).origin) return null;
  if (resolved.pathname !== `/v1/chunks/${chunkId}`) return null;
  const token = resolved.searchParams.get('token');
  return token && token.length < 0x10000 && /^[\x20-\x7e]+$/.test(token) ? token : null;
}

/** The body of one bundle, as parts to send in order (chunk bytes are not copied). */
export function encodeBundle(items: readonly BundleItem[]): Uint8Array[] {
  const body: Uint8Array[] = [];
  for (const { token, parts } of items) {
    const byteLength = parts.reduce((n, p) => n + p.length, 0);
    const head = new Uint8Array(2 + token.length + 4);
    const view = new DataView(head.buffer);
    view.setUint16(0, token.length);
    for (let i = 0; i < token.length; i++) head[2 + i] = token.charCodeAt(i);
    view.setUint32(2 + token.length, byteLength);
    body.push(head, ...parts);
  }
  return body;
}

/** Groups items, in order, into bundles within the byte and count limits. */
export function groupBundles<T extends { size: number }>(items: readonly T[]): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (
      current.length >= bundleMaxChunks ||
      (current.length > 0 && bytes + item.size > bundleMaxBytes)
    ) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
