import type { Readable } from 'node:stream';

/** What the caller promises a stored object is; the store refuses bytes that differ. */
export interface BlobExpectation {
  size: number;
  /** SHA-256 of the object, lowercase hex. */
  sha256: string;
}

export interface BlobStat {
  size: number;
  /** When the object was written; the scrub job leaves young unreferenced objects alone. */
  modifiedAt: Date;
}

/** Inclusive byte range, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where chunk objects live. Keys are opaque, slash-separated and content-addressed, so writing
 * the same key twice with the same bytes is harmless. Every driver passes the shared contract
 * suite in `server/test/storage/blob-store.contract.ts`.
 */
export interface BlobStore {
  /**
   * Streams `body` to `key`, checking size and checksum on the way. The object appears whole or
   * not at all. Resolves `created: false` when an object already stood at `key`.
   * Rejects with `BlobMismatchError` when the bytes are not what `expected` says.
   */
  put(key: string, body: Readable, expected: BlobExpectation): Promise<{ created: boolean }>;
  stat(key: string): Promise<BlobStat | null>;
  /** Rejects with `BlobNotFoundError` when nothing is stored at `key`. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Every key under `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<string>;
}

export class BlobMismatchError extends Error {
  constructor(
    readonly key: string,
    readonly reason: 'size' | 'checksum',
    detail: string,
  ) {
    super(`stored object ${key} does not match its declared ${reason}: ${detail}`);
    this.name = 'BlobMismatchError';
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object at ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

const keyPattern = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Throws for a key that is malformed or could climb out of the store's root. */
export function checkBlobKey(key: string): void {
  if (!keyPattern.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`invalid blob key: ${key}`);
  }
}
