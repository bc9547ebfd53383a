import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CairnApi } from '../../src/core/api';
import { BackupEngine, type BackupOptions } from '../../src/core/backup.engine';
import { deriveKeys } from '../../src/core/keys';
import type { FileSource } from '../../src/core/ports';
import { RestoreEngine } from '../../src/core/restore.engine';
import { FsFileSink } from '../../src/node/fs-file-sink';
import { FsFileSource } from '../../src/node/fs-file-source';
import { JsonlJournal } from '../../src/node/jsonl-journal';
import { nodeCrypto } from '../../src/node/node-crypto';
import { MemoryServer } from './memory-server';

/** Small chunk bounds keep the engine tests fast while still making multi-chunk files. */
export const smallChunks = { minSize: 16 * 1024, avgSize: 64 * 1024, maxSize: 256 * 1024 };

export const keys = deriveKeys(nodeCrypto, 'key-1', new Uint8Array(32).fill(42));

export async function writeTree(root: string, files: Record<string, Uint8Array | string>) {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** A device against the memory server: its journal lives in `home`. */
export class TestDevice {
  readonly server = new MemoryServer();
  readonly api = new CairnApi(this.server, 'http://cairn.test', 'cd_device_secret', {
    attempts: 4,
    baseDelayMs: 1,
    maxDelayMs: 5,
  });

  constructor(private readonly home: string) {}

  async backup(
    root: string,
    options: Partial<BackupOptions> = {},
    source: FileSource = new FsFileSource(root),
  ) {
    const journal = await JsonlJournal.open(join(this.home, 'journal.jsonl'));
    try {
      const engine = new BackupEngine(
        { api: this.api, crypto: nodeCrypto, keys, source, journal },
        { libraryFolder: 'Phone', chunker: smallChunks, ...options },
      );
      return await engine.run();
    } finally {
      await journal.close();
    }
  }

  async restore(dest: string, pathPrefix: string | null = null) {
    const engine = new RestoreEngine(
      { api: this.api, crypto: nodeCrypto, keys, sink: new FsFileSink(dest) },
      { pathPrefix },
    );
    return engine.run();
  }
}
