import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** What the caller promises a stored object is; the store refuses bytes that differ. */
export interface BlobExpectation {
  size: number;
  /** SHA-256 of the object, lowercase hex. */
  sha256: string;
}

/** One object for `putMany`. */
export interface BlobPut {
  key: string;
  bytes: Buffer;
  expected: BlobExpectation;
}

export type BlobPutResult = { created: boolean } | { error: unknown };

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
  /**
   * Stores many whole objects already in memory, each checked as `put` checks a body. One
   * object's failure fails only its own result; the results come in the order given.
   */
  putMany(items: readonly BlobPut[]): Promise<BlobPutResult[]>;
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

/** Throws `BlobMismatchError` unless `bytes` are exactly what `expected` says. */
export function checkBlobBytes(key: string, bytes: Buffer, expected: BlobExpectation): void {
  if (bytes.length !== expected.size) {
    throw new BlobMismatchError(key, 'size', `${bytes.length} bytes, expected ${expected.size}`);
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== expected.sha256) throw new BlobMismatchError(key, 'checksum', `sha256 ${digest}`);
}

/**
 * `putMany` for drivers that store one object at a time: `concurrency` puts at once. A key
 * given twice is written once; the later item answers `created: false`, or the first's error.
 */
export async function putEach(
  store: Pick<BlobStore, 'put'>,
  items: readonly BlobPut[],
  concurrency: number,
): Promise<BlobPutResult[]> {
  const firstOf = new Map<string, number>();
  items.forEach(({ key }, i) => {
    if (!firstOf.has(key)) firstOf.set(key, i);
  });
  const results: BlobPutResult[] = new Array<BlobPutResult>(items.length);
  const firsts = [...firstOf.values()];
  let next = 0;
  const worker = async () => {
    while (next < firsts.length) {
      const i = firsts[next++]!;
      const { key, bytes, expected } = items[i]!;
      try {
        results[i] = await store.put(key, Readable.from([bytes]), expected);
      } catch (error) {
        results[i] = { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, firsts.length) }, worker));
  items.forEach(({ key }, i) => {
    const first = results[firstOf.get(key)!]!;
    results[i] ??= 'error' in first ? first : { created: false };
  });
  return results;
}
