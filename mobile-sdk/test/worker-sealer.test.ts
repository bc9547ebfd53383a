import { createHash } from 'node:crypto';
import { toHex } from '../src/core/bytes';
import { openChunk, sealChunk, storedBytes } from '../src/core/chunk-format';
import { CairnError } from '../src/core/errors';
import { deriveKeys } from '../src/core/keys';
import { ownedBuffers } from '../src/node/seal-messages';
import { nodeCrypto } from '../src/node/node-crypto';
import { WorkerSealer } from '../src/node/worker-sealer';
import { pseudoRandomBytes } from './support/random';

const keys = deriveKeys(nodeCrypto, 'k1', new Uint8Array(32).fill(7));

describe('WorkerSealer', () => {
  it('seals on its threads what inline sealing would: same ids, openable, checksums true', async () => {
    const sealer = new WorkerSealer(keys, 2);
    try {
      const plaintexts = [0, 1, 5000, 300_000, 1_200_000].map((size, i) =>
        pseudoRandomBytes(size, i + 1),
      );
      const sealed = await Promise.all(plaintexts.map((p) => sealer.seal(p.slice())));

      sealed.forEach((chunk, i) => {
        const plaintext = plaintexts[i]!;
        expect(chunk.id).toBe(sealChunk(nodeCrypto, keys, plaintext).id);
        expect(chunk.plainSize).toBe(plaintext.length);
        const bytes = storedBytes(chunk);
        expect(chunk.size).toBe(bytes.length);
        expect(chunk.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(toHex(openChunk(nodeCrypto, keys, chunk.id, bytes))).toBe(toHex(plaintext));
      });
    } finally {
      await sealer.close();
    }
  });

  it('answers each request with its own chunk when many are in flight', async () => {
    const sealer = new WorkerSealer(keys, 2);
    try {
      const plaintexts = Array.from({ length: 40 }, (_, i) => pseudoRandomBytes(1000 + i, i));
      const sealed = await Promise.all(plaintexts.map((p) => sealer.seal(p.slice())));
      expect(sealed.map((c) => c.plainSize)).toEqual(plaintexts.map((p) => p.length));
    } finally {
      await sealer.close();
    }
  });

  it('refuses work once closed, with a typed error', async () => {
    const sealer = new WorkerSealer(keys);
    await sealer.close();
    await expect(sealer.seal(new Uint8Array(10))).rejects.toBeInstanceOf(CairnError);
  });

  it('moves only buffers a view covers whole, never a shared one', () => {
    const whole = new Uint8Array(16);
    const shared = new Uint8Array(64);
    expect(ownedBuffers([whole, shared.subarray(8, 24), whole])).toEqual([whole.buffer]);
  });
});
