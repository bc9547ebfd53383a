import { parentPort, workerData } from 'node:worker_threads';
import { sealChunk } from '../core/chunk-format';
import type { DerivedKeys } from '../core/keys';
import { nodeCrypto } from './node-crypto';
import { ownedBuffers, type SealReply, type SealRequest } from './seal-messages';

/** The worker side of `WorkerSealer`: seals what it is sent with the keys it was started with. */
const keys = (workerData as { keys: DerivedKeys }).keys;
const port = parentPort!;

port.on('message', ({ id, plaintext }: SealRequest) => {
  let reply: SealReply;
  try {
    reply = { id, sealed: sealChunk(nodeCrypto, keys, plaintext) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  // The spent plaintext goes back too: garbage here waits for this thread's collector, which
  // nothing prompts, while the main thread's memory guard collects it there.
  const moved = 'sealed' in reply ? [...reply.sealed.parts, plaintext] : [plaintext];
  port.postMessage({ ...reply, spent: plaintext }, ownedBuffers(moved));
});
