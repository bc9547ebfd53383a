import type { SealedChunkParts } from '../core/ports';

export interface SealRequest {
  id: number;
  plaintext: Uint8Array;
}

export type SealReply = ({ sealed: SealedChunkParts } | { error: string }) & {
  id: number;
  /** The request's plaintext, handed back so its memory is freed on the main thread. */
  spent?: Uint8Array;
};

/**
 * The buffers among `views` that can move to another thread without a copy: those a view covers
 * whole. A view into a shared buffer (Node's small-allocation pool, say) must be copied, or
 * moving it would empty every other view of that buffer.
 */
export function ownedBuffers(views: readonly Uint8Array[]): ArrayBuffer[] {
  const owned = new Set<ArrayBuffer>();
  for (const view of views) {
    const buffer = view.buffer;
    if (
      buffer instanceof ArrayBuffer &&
      view.byteOffset === 0 &&
      view.byteLength === buffer.byteLength
    ) {
      owned.add(buffer);
    }
  }
  return [...owned];
}
