import { fromHex, toHex } from './bytes';
import type { DerivedKeys } from './keys';
import type { Crypto } from './ports';

/**
 * A file's content hash: HMAC-SHA-256 (content-hash key) over its ordered chunk list, each
 * chunk as `id (32 bytes) | plainSize (u32, big-endian)`. A chunk id is a keyed MAC of the
 * chunk's plaintext, so the list names the bytes as firmly as a MAC over all of them would,
 * without a further pass over every byte on backup and restore. Keyed, it reveals nothing.
 */
export function contentHashOf(
  crypto: Crypto,
  keys: DerivedKeys,
  chunks: readonly { id: string; plainSize: number }[],
): string {
  const manifest = new Uint8Array(chunks.length * 36);
  const view = new DataView(manifest.buffer);
  chunks.forEach((chunk, i) => {
    manifest.set(fromHex(chunk.id), i * 36);
    view.setUint32(i * 36 + 32, chunk.plainSize);
  });
  const mac = crypto.hmacSha256(keys.contentHash);
  mac.update(manifest);
  return toHex(mac.digest());
}
