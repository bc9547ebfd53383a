import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { CairnError, SdkErrorCode } from '../core/errors';
import type { DerivedKeys } from '../core/keys';
import type { ChunkSealer, SealedChunkParts } from '../core/ports';
import { ownedBuffers, type SealReply, type SealRequest } from './seal-messages';

interface Waiting {
  resolve: (sealed: SealedChunkParts) => void;
  reject: (error: Error) => void;
}

/**
 * Seals chunks on worker threads, so the backup's chunking and its hashing and encryption use
 * two cores. Requests go round robin; each answer settles its own request.
 */
export class WorkerSealer implements ChunkSealer {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | null = null;
  private closed = false;

  constructor(keys: DerivedKeys, threads = 1) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => this.start(keys));
  }

  seal(plaintext: Uint8Array): Promise<SealedChunkParts> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) {
      return Promise.reject(new CairnError(SdkErrorCode.IoError, 'the sealer is closed'));
    }
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: SealRequest = { id, plaintext };
      worker.postMessage(request, ownedBuffers([plaintext]));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private start(keys: DerivedKeys): Worker {
    const worker = spawnWorker(keys);
    worker.on('message', (reply: SealReply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('sealed' in reply) waiting?.resolve(reply.sealed);
      else waiting?.reject(new CairnError(SdkErrorCode.IoError, `sealing failed: ${reply.error}`));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`sealing thread exited with code ${code}`));
    });
    return worker;
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.failure = new CairnError(SdkErrorCode.IoError, `sealing thread failed: ${error.message}`);
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
  }
}

/**
 * Run from TypeScript sources (the CLI through tsx, the tests through ts-jest), the worker
 * registers tsx itself, as a new thread does not inherit the parent's loader.
 */
function spawnWorker(keys: DerivedKeys): Worker {
  const fromSources = __filename.endsWith('.ts');
  const script = join(__dirname, fromSources ? 'seal-worker.ts' : 'seal-worker.js');
  if (!fromSources) return new Worker(script, { workerData: { keys } });
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(script)});`;
  return new Worker(bootstrap, { eval: true, workerData: { keys } });
}
