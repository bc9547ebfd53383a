import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CairnApi } from '../../src/core/api';
import { BackupEngine, type BackupOptions } from '../../src/core/backup.engine';
import type { ChunkSealer, FileSource } from '../../src/core/ports';
import { RestoreEngine } from '../../src/core/restore.engine';
import {
  FileByPathDocument,
  RestorePlanDocument,
  type FileByPathQuery,
} from '../../src/generated/operations';
import { FetchTransport } from '../../src/node/fetch-transport';
import { FsFileSink } from '../../src/node/fs-file-sink';
import { FsFileSource } from '../../src/node/fs-file-source';
import { JsonlJournal } from '../../src/node/jsonl-journal';
import { nodeCrypto } from '../../src/node/node-crypto';
import { createAccount, type Account, type RealServer } from './real-server';
import { putOnly, TestTransport } from './test-transport';

/** Small chunk bounds keep the engine tests fast while still making multi-chunk files. */
export const smallChunks = { minSize: 16 * 1024, avgSize: 64 * 1024, maxSize: 256 * 1024 };

/** Quick retries: the faults a test injects should cost milliseconds, not seconds. */
export const fastRetry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

export async function writeTree(root: string, files: Record<string, Uint8Array | string>) {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export type Head = NonNullable<NonNullable<FileByPathQuery['fileByPath']>['head']>;

/** A device of a fresh account on the real server, over the fetch transport; journal in `home`. */
export class TestDevice {
  readonly transport: TestTransport;
  readonly api: CairnApi;

  private constructor(
    readonly server: RealServer,
    readonly account: Account,
    private readonly home: string,
    private readonly bundles: boolean,
  ) {
    const fetch = new FetchTransport(`${server.url}/graphql`);
    this.transport = new TestTransport(bundles ? fetch : putOnly(fetch));
    this.api = new CairnApi(this.transport, server.url, account.deviceToken, fastRetry);
  }

  /** Without `bundles`, the device sends every chunk in its own PUT. */
  static async create(server: RealServer, home: string, bundles = true): Promise<TestDevice> {
    return new TestDevice(server, await createAccount(server), home, bundles);
  }

  /** The same device and account with another journal, as after a reinstall. */
  withHome(home: string): TestDevice {
    return new TestDevice(this.server, this.account, home, this.bundles);
  }

  /** Seals off-thread when set, as the CLI does. */
  sealer: ChunkSealer | undefined;

  async backup(
    root: string,
    options: Partial<BackupOptions> = {},
    source: FileSource = new FsFileSource(root),
  ) {
    const journal = await JsonlJournal.open(join(this.home, 'journal.jsonl'));
    try {
      const engine = new BackupEngine(
        {
          api: this.api,
          crypto: nodeCrypto,
          keys: this.account.keys,
          source,
          journal,
          sealer: this.sealer,
        },
        { libraryFolder: 'Phone', chunker: smallChunks, ...options },
      );
      return await engine.run();
    } finally {
      await journal.close();
    }
  }

  async restore(dest: string, pathPrefix: string | null = null) {
    const engine = new RestoreEngine(
      { api: this.api, crypto: nodeCrypto, keys: this.account.keys, sink: new FsFileSink(dest) },
      { pathPrefix },
    );
    return engine.run();
  }

  /** The server's head of a library path, asked as the device. */
  async headOf(path: string): Promise<Head | null> {
    const { fileByPath } = await this.api.request(FileByPathDocument, { path });
    return fileByPath?.head ?? null;
  }

  /** How many versions the server holds of a library path. */
  async versionCount(path: string): Promise<number> {
    const { fileByPath } = await this.api.request(FileByPathDocument, { path });
    return fileByPath?.versionCount ?? 0;
  }

  /** The chunk ids of a version, in file order, from its restore plan. */
  async chunksOf(versionId: string) {
    const { restorePlan } = await this.api.request(RestorePlanDocument, { versionId });
    return restorePlan.chunks;
  }
}
