import { Limits } from '@cairn/schema';
import type { CairnApi } from './api';
import type { SealedChunk } from './chunk-format';
import { bundleChunkMaxBytes, bundleToken, groupBundles, type BundleResult } from './chunk-bundle';
import { Deferred } from './deferred';
import type { BackupEvents, Emitter } from './events';
import { PrepareUploadDocument } from '../generated/operations';
import { Semaphore } from './retry';

export interface UploadOptions {
  /** Chunks declared per prepareUpload call. */
  prepareBatchChunks: number;
  /** Encrypted bytes held in memory, waiting for an answer or an upload. */
  maxBufferedBytes: number;
  uploadConcurrency: number;
}

export const defaultUploadOptions: UploadOptions = {
  prepareBatchChunks: 1000,
  maxBufferedBytes: 64 * 1024 * 1024,
  uploadConcurrency: 8,
};

interface PendingChunk {
  declaration: Omit<SealedChunk, 'parts'>;
  size: number;
  parts: readonly Uint8Array[] | null;
  done: Deferred<void>;
}

export interface UploadStats {
  chunksUploaded: number;
  bytesUploaded: number;
  /** The most sealed bytes held at once, to check the memory bound. */
  peakBufferedBytes: number;
}

/**
 * Takes sealed chunks from the reader, asks the server in batches which ones it lacks, and
 * sends only those. Every offered chunk gets a promise that settles once the server has it.
 * Memory is bounded: the reader waits in `waitForRoom` while too many bytes are buffered.
 */
export class UploadPipeline {
  readonly stats: UploadStats = { chunksUploaded: 0, bytesUploaded: 0, peakBufferedBytes: 0 };
  private readonly known = new Map<string, Deferred<void>>();
  private pending: PendingChunk[] = [];
  private pendingBytes = 0;
  private bufferedBytes = 0;
  private roomWaiters: (() => void)[] = [];
  private readonly uploads: Semaphore;
  private readonly prepares = new Semaphore(2);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly api: CairnApi,
    private readonly events: Emitter<BackupEvents>,
    private readonly options: UploadOptions = defaultUploadOptions,
  ) {
    this.uploads = new Semaphore(options.uploadConcurrency);
  }

  /** Resolves once the buffered bytes leave room for one more chunk. */
  async waitForRoom(): Promise<void> {
    while (this.bufferedBytes >= this.options.maxBufferedBytes) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
  }

  /** Returns a promise that settles when the server holds the chunk. */
  offer(chunk: SealedChunk): Promise<void> {
    const seen = this.known.get(chunk.id);
    if (seen) return seen.promise;

    const done = new Deferred<void>();
    this.known.set(chunk.id, done);
    const { parts, ...declaration } = chunk;
    this.pending.push({ declaration, size: chunk.size, parts, done });
    this.pendingBytes += chunk.size;
    this.hold(chunk.size);

    const batchFull = this.pending.length >= this.batchLimit();
    if (batchFull || this.pendingBytes >= this.options.maxBufferedBytes / 2) this.flush();
    return done.promise;
  }

  /** Forgets chunks the server reported missing, so the next offer sends them again. */
  forget(chunkIds: readonly string[]): void {
    for (const id of chunkIds) this.known.delete(id);
  }

  /** Sends what is pending and waits until every offered chunk is settled. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.track(this.prepares.run(() => this.prepareAndUpload(batch)));
  }

  private batchLimit(): number {
    return Math.min(this.options.prepareBatchChunks, Limits.maxChunksPerPrepare);
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async prepareAndUpload(batch: PendingChunk[]): Promise<void> {
    let missing: Map<string, string>;
    try {
      const declarations = batch.map(({ declaration, size }) => ({
        id: declaration.id,
        plainSize: String(declaration.plainSize),
        size: String(size),
        checksum: declaration.checksum,
      }));
      const answer = await this.api.request(PrepareUploadDocument, { chunks: declarations });
      missing = new Map(answer.prepareUpload.missing.map((t) => [t.chunkId, t.url]));
    } catch (error) {
      for (const item of batch) this.settle(item, error);
      return;
    }

    const singles: { item: PendingChunk; url: string }[] = [];
    const bundled: { item: PendingChunk; url: string; token: string; size: number }[] = [];
    for (const item of batch) {
      const url = missing.get(item.declaration.id);
      if (url === undefined || !item.parts) {
        this.settle(item);
        continue;
      }
      const token = this.bundles(item)
        ? bundleToken(url, this.api.serverUrl, item.declaration.id)
        : null;
      if (token) bundled.push({ item, url, token, size: item.size });
      else singles.push({ item, url });
    }
    await Promise.all([
      ...singles.map(({ item, url }) => this.sendOne(item, url)),
      ...groupBundles(bundled).map((group) => this.sendBundle(group)),
    ]);
  }

  private bundles(item: PendingChunk): boolean {
    return this.api.sendsBundles && item.size < bundleChunkMaxBytes;
  }

  private async sendOne(item: PendingChunk, url: string): Promise<void> {
    const parts = item.parts;
    if (!parts) return;
    try {
      await this.uploads.run(() => this.api.putChunk(url, parts));
      this.uploaded(item);
    } catch (error) {
      this.settle(item, error);
    }
  }

  private async sendBundle(group: { item: PendingChunk; url: string; token: string }[]) {
    let results: BundleResult[];
    try {
      const items = group.map(({ item, token }) => ({ token, parts: item.parts ?? [] }));
      results = await this.uploads.run(() => this.api.postBundle(items));
    } catch (error) {
      for (const { item } of group) this.settle(item, error);
      return;
    }
    await Promise.all(
      group.map(async ({ item, url }, i) => {
        if (results[i]?.outcome === 'failed') {
          // One frame failed (a passing server fault, say): its own PUT retries it with backoff
          // and reports a lasting failure like any other upload.
          await this.sendOne(item, url);
        } else this.uploaded(item);
      }),
    );
  }

  private uploaded(item: PendingChunk): void {
    this.stats.chunksUploaded++;
    this.stats.bytesUploaded += item.size;
    this.events.emit('chunkUploaded', { chunkId: item.declaration.id, bytes: item.size });
    this.settle(item);
  }

  private settle(item: PendingChunk, error?: unknown): void {
    if (error === undefined) item.done.resolve();
    else {
      // A later file holding the same chunk should try again rather than inherit the failure.
      if (this.known.get(item.declaration.id) === item.done) this.known.delete(item.declaration.id);
      item.done.reject(error);
    }
    // Dropped at once: the batch array lives until its slowest upload ends.
    if (item.parts) this.release(item.size);
    item.parts = null;
  }

  private hold(bytes: number): void {
    this.bufferedBytes += bytes;
    this.stats.peakBufferedBytes = Math.max(this.stats.peakBufferedBytes, this.bufferedBytes);
  }

  private release(bytes: number): void {
    this.bufferedBytes -= bytes;
    if (this.bufferedBytes < this.options.maxBufferedBytes) {
      const waiters = this.roomWaiters;
      this.roomWaiters = [];
      for (const wake of waiters) wake();
    }
  }
}
