import { fromHex } from '../src/core/bytes';
import {
  chunkHeaderLength,
  chunkOverhead,
  openChunk,
  storedBytes,
  sealChunk,
  verifyAndOpenChunk,
} from '../src/core/chunk-format';
import { CairnError, SdkErrorCode } from '../src/core/errors';
import { deriveKeys } from '../src/core/keys';
import { nodeCrypto } from '../src/node/node-crypto';
import { createCipheriv } from 'node:crypto';
import { pseudoRandomBytes } from './support/random';

const keys = deriveKeys(nodeCrypto, 'k1', new Uint8Array(32).fill(7));
const otherKeys = deriveKeys(nodeCrypto, 'k2', new Uint8Array(32).fill(8));
const plaintext = pseudoRandomBytes(300_000, 3);

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at]! ^= 0x01;
  return copy;
}

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof CairnError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('chunk format v1', () => {
  it('round-trips and lays out header, ciphertext and tag', () => {
    const sealed = sealChunk(nodeCrypto, keys, plaintext);
    expect(storedBytes(sealed).length).toBe(plaintext.length + chunkOverhead);
    expect(storedBytes(sealed)[0]).toBe(1);
    expect(storedBytes(sealed)[1]).toBe(0);
    expect(Buffer.from(storedBytes(sealed).subarray(2, 10))).toEqual(Buffer.from(keys.fingerprint));
    expect(openChunk(nodeCrypto, keys, sealed.id, storedBytes(sealed))).toEqual(plaintext);
  });

  it('matches an AES-256-GCM known answer with the header and id as AAD', () => {
    const sealed = sealChunk(nodeCrypto, keys, plaintext);
    const header = storedBytes(sealed).subarray(0, chunkHeaderLength);
    const cipher = createCipheriv('aes-256-gcm', keys.encryption, header.subarray(10));
    cipher.setAAD(Buffer.concat([header, fromHex(sealed.id)]));
    const expected = Buffer.concat([
      header,
      cipher.update(plaintext),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    expect(Buffer.from(storedBytes(sealed)).equals(expected)).toBe(true);
  });

  it('uses a fresh nonce for every seal of the same plaintext', () => {
    const a = sealChunk(nodeCrypto, keys, plaintext);
    const b = sealChunk(nodeCrypto, keys, plaintext);
    expect(a.id).toBe(b.id);
    expect(a.checksum).not.toBe(b.checksum);
  });

  it.each([
    ['format version', 0, SdkErrorCode.ChunkFormatUnsupported],
    ['flags', 1, SdkErrorCode.ChunkFormatUnsupported],
    ['key fingerprint', 4, SdkErrorCode.ChunkWrongKey],
    ['nonce', 15, SdkErrorCode.ChunkAuthFailed],
    ['ciphertext', chunkHeaderLength + 1000, SdkErrorCode.ChunkAuthFailed],
    ['tag', -1, SdkErrorCode.ChunkAuthFailed],
  ])('rejects a flipped bit in the %s', (_part, at, code) => {
    const sealed = sealChunk(nodeCrypto, keys, plaintext);
    const position = at < 0 ? storedBytes(sealed).length + at : at;
    const tampered = flip(storedBytes(sealed), position);
    expect(codeOf(() => openChunk(nodeCrypto, keys, sealed.id, tampered))).toBe(code);
  });

  it('rejects the stored object of another chunk under this chunk id', () => {
    const a = sealChunk(nodeCrypto, keys, plaintext);
    const b = sealChunk(nodeCrypto, keys, pseudoRandomBytes(1000, 9));
    expect(codeOf(() => openChunk(nodeCrypto, keys, a.id, storedBytes(b)))).toBe(
      SdkErrorCode.ChunkAuthFailed,
    );
  });

  it('rejects an authentic object whose plaintext does not hash to its id', () => {
    // Only a holder of the key could build this; the id check still refuses it.
    const other = sealChunk(nodeCrypto, keys, pseudoRandomBytes(500, 4));
    const header = storedBytes(other).subarray(0, chunkHeaderLength);
    const cipher = createCipheriv('aes-256-gcm', keys.encryption, header.subarray(10));
    cipher.setAAD(Buffer.concat([header, fromHex(other.id)]));
    const forged = Buffer.concat([
      header,
      cipher.update(plaintext),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    expect(codeOf(() => openChunk(nodeCrypto, keys, other.id, forged))).toBe(
      SdkErrorCode.ChunkIdMismatch,
    );
  });

  it('rejects an object sealed with another user key', () => {
    const sealed = sealChunk(nodeCrypto, otherKeys, plaintext);
    expect(codeOf(() => openChunk(nodeCrypto, keys, sealed.id, storedBytes(sealed)))).toBe(
      SdkErrorCode.ChunkWrongKey,
    );
  });

  it('rejects a truncated object', () => {
    const sealed = sealChunk(nodeCrypto, keys, plaintext);
    expect(
      codeOf(() => openChunk(nodeCrypto, keys, sealed.id, storedBytes(sealed).subarray(0, 20))),
    ).toBe(SdkErrorCode.ChunkFormatUnsupported);
  });

  it('checks the download checksum before anything else', () => {
    const sealed = sealChunk(nodeCrypto, keys, plaintext);
    const expected = { id: sealed.id, checksum: sealed.checksum, plainSize: plaintext.length };
    expect(verifyAndOpenChunk(nodeCrypto, keys, expected, storedBytes(sealed))).toEqual(plaintext);
    const tampered = flip(storedBytes(sealed), 100);
    expect(codeOf(() => verifyAndOpenChunk(nodeCrypto, keys, expected, tampered))).toBe(
      SdkErrorCode.ChecksumMismatch,
    );
  });
});
