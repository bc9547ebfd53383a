import { CairnApi } from '../src/core/api';
import { sealChunk } from '../src/core/chunk-format';
import { Emitter, type BackupEvents } from '../src/core/events';
import { UploadPipeline } from '../src/core/upload-pipeline';
import { FetchTransport } from '../src/node/fetch-transport';
import { nodeCrypto } from '../src/node/node-crypto';
import { pseudoRandomBytes } from './support/random';
import {
  createAccount,
  revokeDevice,
  startRealServer,
  storedChunkCount,
  type Account,
  type RealServer,
} from './support/real-server';
import { putOnly, TestTransport } from './support/test-transport';

// The real server on a loaded 2-core CI runner: a backup and restore can take seconds.
jest.setTimeout(30_000);

const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('upload pipeline against the real server', () => {
  let server: RealServer;
  let account: Account;
  let transport: TestTransport;
  let api: CairnApi;
  const seal = (bytes: number, seed: number) =>
    sealChunk(nodeCrypto, account.keys, pseudoRandomBytes(bytes, seed));

  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server.stop());

  const connect = (bundles: boolean) => {
    const fetch = new FetchTransport(`${server.url}/graphql`);
    transport = new TestTransport(bundles ? fetch : putOnly(fetch));
    api = new CairnApi(transport, server.url, account.deviceToken, retry);
  };

  beforeEach(async () => {
    account = await createAccount(server);
    connect(true);
  });

  it.each([
    ['in bundles', true],
    ['one PUT each', false],
  ])(
    'never holds more sealed bytes than its budget plus one chunk, sent %s',
    async (_, bundles) => {
      connect(bundles);
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
        stored.push(pipeline.offer(seal(chunkSize, i + 1)));
      }
      await pipeline.drain();
      await Promise.all(stored);

      expect(await storedChunkCount(server, account)).toBe(40);
      expect(pipeline.stats.chunksUploaded).toBe(40);
      expect(transport.maxInFlightUploads).toBeLessThanOrEqual(3);
      expect(pipeline.stats.peakBufferedBytes).toBeLessThanOrEqual(budget + chunkSize + 100);
      expect(transport.prepareCalls).toBeGreaterThan(1);
      expect(transport.puts).toBe(bundles ? 0 : 40);
      expect(transport.posts > 0).toBe(bundles);
    },
  );

  it('sends a chunk offered twice once, and skips what the server already holds', async () => {
    const make = () => new UploadPipeline(api, new Emitter<BackupEvents>());
    const a = seal(1000, 1);
    const again = seal(1000, 1);
    const first = make();
    const both = [first.offer(a), first.offer(again)];
    await first.drain();
    await Promise.all(both);
    expect(first.stats.chunksUploaded).toBe(1);
    expect(await storedChunkCount(server, account)).toBe(1);

    const uploads = transport.uploads;
    const second = make();
    const done = second.offer(again);
    await second.drain();
    await done;
    expect(second.stats.chunksUploaded).toBe(0);
    expect(transport.uploads).toBe(uploads);
  });

  it('fails the chunks of a batch the server refuses, with the server code', async () => {
    await revokeDevice(server, account);
    const pipeline = new UploadPipeline(api, new Emitter<BackupEvents>());
    const stored = pipeline.offer(seal(1000, 1));
    await pipeline.drain();
    await expect(stored).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(transport.uploads).toBe(0);
    expect(await storedChunkCount(server, account)).toBe(0);
  });
});
