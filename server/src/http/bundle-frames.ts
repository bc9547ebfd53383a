/**
 * The chunk-bundle body: a sequence of frames `[u16 tokenLength][token][u32 byteLength][bytes]`
 * (big-endian). The explicit byte length lets the server skip a frame whose token it refuses and
 * still read the frames after it.
 */
export type BundleFrame =
  { kind: 'frame'; token: string; bytes: Buffer } | { kind: 'truncated'; token: string | null };

export class FrameTooLargeError extends Error {}

/** Splits a streamed body into frames; a body that ends inside a frame yields `truncated`. */
export async function* readFrames(
  body: AsyncIterable<Buffer>,
  maxFrameBytes: number,
): AsyncGenerator<BundleFrame> {
  const queue = new ByteQueue();
  let token: string | null = null;
  let byteLength: number | null = null;
  for await (const piece of body) {
    queue.push(piece);
    for (;;) {
      if (token === null) {
        if (queue.length < 2) break;
        const tokenLength = queue.peekU16();
        if (queue.length < 2 + tokenLength) break;
        queue.take(2);
        token = queue.take(tokenLength).toString('latin1');
      }
      if (byteLength === null) {
        if (queue.length < 4) break;
        byteLength = queue.take(4).readUInt32BE(0);
        if (byteLength > maxFrameBytes) throw new FrameTooLargeError();
      }
      if (queue.length < byteLength) break;
      yield { kind: 'frame', token, bytes: queue.take(byteLength) };
      token = null;
      byteLength = null;
    }
  }
  if (token !== null || queue.length > 0) yield { kind: 'truncated', token };
}

/** Pieces as they arrived, copied only when a frame spans several of them. */
class ByteQueue {
  private pieces: Buffer[] = [];
  length = 0;

  push(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.length += piece.length;
  }

  peekU16(): number {
    const head = this.take(2);
    this.pieces.unshift(head);
    this.length += 2;
    return head.readUInt16BE(0);
  }

  take(count: number): Buffer {
    const first = this.pieces[0];
    let out: Buffer;
    if (first && first.length >= count) {
      out = first.subarray(0, count);
      if (first.length === count) this.pieces.shift();
      else this.pieces[0] = first.subarray(count);
    } else {
      out = Buffer.allocUnsafe(count);
      let filled = 0;
      while (filled < count) {
        const piece = this.pieces[0]!;
        const used = Math.min(piece.length, count - filled);
        piece.copy(out, filled, 0, used);
        filled += used;
        if (used === piece.length) this.pieces.shift();
        else this.pieces[0] = piece.subarray(used);
      }
    }
    this.length -= count;
    return out;
  }
}
