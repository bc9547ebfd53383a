import { CairnApi } from '../src/core/api';
import { sealChunk } from '../src/core/chunk-format';
import { Emitter, type BackupEvents } from '../src/core/events';
import { UploadPipeline } from '../src/core/upload-pipeline';
import { nodeCrypto } from '../src/node/node-crypto';
import { keys } from './support/engine-fixture';
import { MemoryServer } from './support/memory-server';
import { pseudoRandomBytes } from './support/random';

const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('upload pipeline', () => {
  it('never holds more sealed bytes than its budget plus one chunk, however fast the reader', async () => {
    const server = new MemoryServer();
    const api = new CairnApi(server, 'http://cairn.test', 'token', retry);
    const budget = 2 * 1024 * 1024;
    const pipeline = new UploadPipeline(api, new Emitter<BackupEvents>(), {
      prepareBatchChunks: 1000,
      maxBufferedBytes: budget,
      uploadConcurrency: 3,
    });
    const chunkSize = 300_000;
    const stored: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      await pipeline.waitForRoom();
      stored.push(pipeline.offer(sealChunk(nodeCrypto, keys, pseudoRandomBytes(chunkSize, i + 1))));
    }
    await pipeline.drain();
    await Promise.all(stored);

    expect(server.chunks.size).toBe(40);
    expect(server.maxInFlightPuts).toBeLessThanOrEqual(3);
    expect(pipeline.stats.peakBufferedBytes).toBeLessThanOrEqual(budget + chunkSize + 100);
    expect(server.prepareCalls).toBeGreaterThan(1);
  });

  it('sends a chunk offered twice once, and skips what the server already holds', async () => {
    const server = new MemoryServer();
    const api = new CairnApi(server, 'http://cairn.test', 'token', retry);
    const make = () => new UploadPipeline(api, new Emitter<BackupEvents>());
    const a = sealChunk(nodeCrypto, keys, pseudoRandomBytes(1000, 1));
    const again = sealChunk(nodeCrypto, keys, pseudoRandomBytes(1000, 1));
    const first = make();
    const both = [first.offer(a), first.offer(again)];
    await first.drain();
    await Promise.all(both);
    expect(first.stats.chunksUploaded).toBe(1);

    const second = make();
    const done = second.offer(again);
    await second.drain();
    await done;
    expect(second.stats.chunksUploaded).toBe(0);
  });

  it('fails the chunks of a batch the server refuses, with the server code', async () => {
    const server = new MemoryServer();
    server.graphql = () =>
      Promise.resolve({
        errors: [
          { message: 'over quota', extensions: { code: 'QUOTA_EXCEEDED', retryable: false } },
        ],
      });
    const api = new CairnApi(server, 'http://cairn.test', 'token', retry);
    const pipeline = new UploadPipeline(api, new Emitter<BackupEvents>());
    const stored = pipeline.offer(sealChunk(nodeCrypto, keys, pseudoRandomBytes(1000, 1)));
    await pipeline.drain();
    await expect(stored).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
  });
});
