import { concatBytes, equalBytes, fromHex, toHex } from './bytes';
import { CairnError, SdkErrorCode } from './errors';
import { chunkIdOf, fingerprintLength, type DerivedKeys } from './keys';
import type { Crypto, SealedChunkParts } from './ports';

/**
 * Stored chunk, format v1:
 *   version (1) | flags (1) | key fingerprint (8) | nonce (12) | AES-256-GCM ciphertext | tag (16)
 * The header and the chunk id are the additional authenticated data, so neither the header nor
 * the object's place (which chunk it claims to be) can change without failing authentication.
 */
export const chunkFormatVersion = 1;
const nonceLength = 12;
const tagLength = 16;
export const chunkHeaderLength = 2 + fingerprintLength + nonceLength;
export const chunkOverhead = chunkHeaderLength + tagLength;

/** Reserved flag bits; none is defined yet (compression will take bit 0). */
const knownFlags = 0;

/**
 * `parts` are the stored object in pieces (header, ciphertext, tag), sent back to back; `size`
 * is their total length and `checksum` the hex SHA-256 of the stored bytes.
 */
export type SealedChunk = SealedChunkParts;

export function storedBytes(chunk: SealedChunk): Uint8Array {
  return concatBytes(chunk.parts);
}

function additionalData(header: Uint8Array, chunkId: string): Uint8Array {
  return concatBytes([header, fromHex(chunkId)]);
}

export function sealChunk(crypto: Crypto, keys: DerivedKeys, plaintext: Uint8Array): SealedChunk {
  const id = chunkIdOf(crypto, keys, plaintext);
  const header = new Uint8Array(chunkHeaderLength);
  header[0] = chunkFormatVersion;
  header[1] = 0;
  header.set(keys.fingerprint, 2);
  header.set(crypto.randomBytes(nonceLength), 2 + fingerprintLength);
  const nonce = header.subarray(2 + fingerprintLength);

  const { ciphertext, tag } = crypto.aes256GcmEncrypt(
    keys.encryption,
    nonce,
    plaintext,
    additionalData(header, id),
  );
  const parts = [header, ciphertext, tag];
  const hash = crypto.sha256Hasher();
  for (const part of parts) hash.update(part);
  return {
    id,
    plainSize: plaintext.length,
    parts,
    size: header.length + ciphertext.length + tag.length,
    checksum: toHex(hash.digest()),
  };
}

/**
 * Checks and opens a stored chunk that should hold chunk `id`. Every way it can be wrong
 * (unknown format, other key, tampered bytes, a different chunk's object) is a typed error.
 */
export function openChunk(
  crypto: Crypto,
  keys: DerivedKeys,
  id: string,
  stored: Uint8Array,
): Uint8Array {
  if (stored.length < chunkOverhead) {
    throw new CairnError(SdkErrorCode.ChunkFormatUnsupported, `chunk ${id} is too short`);
  }
  if (stored[0] !== chunkFormatVersion) {
    throw new CairnError(
      SdkErrorCode.ChunkFormatUnsupported,
      `chunk ${id} has format version ${stored[0]}`,
    );
  }
  if ((stored[1]! & ~knownFlags) !== 0) {
    throw new CairnError(SdkErrorCode.ChunkFormatUnsupported, `chunk ${id} has unknown flags`);
  }
  const header = stored.subarray(0, chunkHeaderLength);
  if (!equalBytes(header.subarray(2, 2 + fingerprintLength), keys.fingerprint)) {
    throw new CairnError(SdkErrorCode.ChunkWrongKey, `chunk ${id} was sealed with another key`);
  }

  let plaintext: Uint8Array;
  try {
    plaintext = crypto.aes256GcmDecrypt(
      keys.encryption,
      header.subarray(2 + fingerprintLength),
      stored.subarray(chunkHeaderLength),
      additionalData(header, id),
    );
  } catch {
    throw new CairnError(SdkErrorCode.ChunkAuthFailed, `chunk ${id} failed authentication`);
  }
  if (chunkIdOf(crypto, keys, plaintext) !== id) {
    throw new CairnError(SdkErrorCode.ChunkIdMismatch, `chunk ${id} holds other content`);
  }
  return plaintext;
}

/** Verifies a downloaded object against its declared checksum, then opens it. */
export function verifyAndOpenChunk(
  crypto: Crypto,
  keys: DerivedKeys,
  expected: { id: string; checksum: string; plainSize: number },
  stored: Uint8Array,
): Uint8Array {
  if (toHex(crypto.sha256(stored)) !== expected.checksum) {
    throw new CairnError(
      SdkErrorCode.ChecksumMismatch,
      `chunk ${expected.id} does not match its checksum`,
    );
  }
  const plaintext = openChunk(crypto, keys, expected.id, stored);
  if (plaintext.length !== expected.plainSize) {
    throw new CairnError(SdkErrorCode.SizeMismatch, `chunk ${expected.id} has the wrong size`);
  }
  return plaintext;
}
