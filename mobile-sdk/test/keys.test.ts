import { createHmac, hkdfSync } from 'node:crypto';
import { fromHex, toHex } from '../src/core/bytes';
import { chunkIdOf, deriveKeys } from '../src/core/keys';
import { CairnError } from '../src/core/errors';
import { nodeCrypto } from '../src/node/node-crypto';

const master = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

describe('key derivation', () => {
  it('matches the RFC 5869 HKDF-SHA-256 test case 1', () => {
    const okm = nodeCrypto.hkdfSha256(
      fromHex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'),
      fromHex('000102030405060708090a0b0c'),
      fromHex('f0f1f2f3f4f5f6f7f8f9'),
      42,
    );
    expect(toHex(okm)).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it('derives distinct keys for encryption, chunk ids and content hashes', () => {
    const keys = deriveKeys(nodeCrypto, 'k1', master);
    const all = [keys.encryption, keys.chunkId, keys.contentHash].map(toHex);
    expect(new Set(all).size).toBe(3);
    expect(all.every((k) => k.length === 64)).toBe(true);
    expect(all).not.toContain(toHex(master));
  });

  it('derives the same keys from the same master key (known answer)', () => {
    const keys = deriveKeys(nodeCrypto, 'k1', master);
    // Pinned: a change here breaks dedup and decryption of every stored chunk.
    expect(toHex(keys.chunkId)).toBe(
      'abd70e74d9cec2f3a4c831b90514b3d20e33b7f03ed7c983b4d1689c7f79bf65',
    );
    expect(toHex(keys.encryption)).toBe(
      '7171ada2357bbb2697fa32e30c811f7391022b0243bd46ad5bf7ebc69edc0567',
    );
    expect(toHex(keys.contentHash)).toBe(
      '8e4441f934a25c7106c28f99d5247bef8286ae2d0809b74ce66467c0f94b99ff',
    );
    expect(toHex(keys.fingerprint)).toBe('078b0bc17b7feac9');
    // The same derivation spelled out with node:crypto directly.
    const expected = hkdfSync('sha256', master, 'cairn/v1', 'cairn chunk id v1', 32);
    expect(toHex(keys.chunkId)).toBe(Buffer.from(expected).toString('hex'));
  });

  it('makes chunk ids an HMAC-SHA-256 of the plaintext under the id key', () => {
    const keys = deriveKeys(nodeCrypto, 'k1', master);
    const plaintext = new TextEncoder().encode('hello cairn');
    const expected = createHmac('sha256', keys.chunkId).update(plaintext).digest('hex');
    expect(chunkIdOf(nodeCrypto, keys, plaintext)).toBe(expected);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => deriveKeys(nodeCrypto, 'k1', new Uint8Array(16))).toThrow(CairnError);
  });
});
