import type { Readable } from 'node:stream';

import type {
  BlobExpectation,
  BlobPut,
  BlobPutResult,
  BlobStat,
  BlobStore,
  ByteRange,
} from './blob-store';
import { BlobNotFoundError } from './blob-store';

/**
 * Objects up to `smallMaxBytes` go to one store, larger ones to the other. An object's size
 * follows from its key (keys are content hashes), so a key always lands in the same store;
 * lookups still ask both, so a change of threshold never hides what is already stored.
 */
export class TieredBlobStore implements BlobStore {
  constructor(
    private readonly small: BlobStore,
    private readonly large: BlobStore,
    private readonly smallMaxBytes: number,
  ) {}

  put(key: string, body: Readable, expected: BlobExpectation) {
    const store = expected.size <= this.smallMaxBytes ? this.small : this.large;
    return store.put(key, body, expected);
  }

  async putMany(items: readonly BlobPut[]): Promise<BlobPutResult[]> {
    const isSmall = (item: BlobPut) => item.expected.size <= this.smallMaxBytes;
    const [small, large] = await Promise.all([
      this.small.putMany(items.filter(isSmall)),
      this.large.putMany(items.filter((item) => !isSmall(item))),
    ]);
    return items.map((item) => (isSmall(item) ? small.shift() : large.shift())!);
  }

  async stat(key: string): Promise<BlobStat | null> {
    return (await this.small.stat(key)) ?? this.large.stat(key);
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    try {
      return await this.small.read(key, range);
    } catch (error) {
      if (!(error instanceof BlobNotFoundError)) throw error;
      return this.large.read(key, range);
    }
  }

  async delete(key: string) {
    await Promise.all([this.small.delete(key), this.large.delete(key)]);
  }

  async *list(prefix: string): AsyncIterable<string> {
    yield* this.small.list(prefix);
    yield* this.large.list(prefix);
  }
}
