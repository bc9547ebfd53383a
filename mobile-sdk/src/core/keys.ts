import { fromBase64, toHex, utf8 } from './bytes';
import { CairnError, SdkErrorCode } from './errors';
import type { Crypto } from './ports';

/** The keys a device derives from the user's master key; none of them ever leaves the device. */
export interface DerivedKeys {
  /** The server's id for the master key, kept to report which key a device holds. */
  keyId: string;
  encryption: Uint8Array;
  chunkId: Uint8Array;
  contentHash: Uint8Array;
  /** Short public tag of the encryption key, written in every chunk header. */
  fingerprint: Uint8Array;
}

const salt = utf8.encode('cairn/v1');
export const keyLabels = {
  encryption: 'cairn chunk encryption v1',
  chunkId: 'cairn chunk id v1',
  contentHash: 'cairn content hash v1',
  fingerprint: 'cairn key fingerprint v1',
} as const;

export const fingerprintLength = 8;

export function deriveKeys(crypto: Crypto, keyId: string, masterKey: Uint8Array): DerivedKeys {
  if (masterKey.length !== 32) {
    throw new CairnError(SdkErrorCode.ProtocolError, 'the user master key must be 32 bytes');
  }
  const derive = (label: string, length = 32): Uint8Array =>
    crypto.hkdfSha256(masterKey, salt, utf8.encode(label), length);
  return {
    keyId,
    encryption: derive(keyLabels.encryption),
    chunkId: derive(keyLabels.chunkId),
    contentHash: derive(keyLabels.contentHash),
    fingerprint: derive(keyLabels.fingerprint, fingerprintLength),
  };
}

export function deriveKeysFromBase64(crypto: Crypto, keyId: string, keyBase64: string) {
  return deriveKeys(crypto, keyId, fromBase64(keyBase64));
}

/** Chunk id: keyed, so the server cannot test whether a user holds a known file. */
export function chunkIdOf(crypto: Crypto, keys: DerivedKeys, plaintext: Uint8Array): string {
  const mac = crypto.hmacSha256(keys.chunkId);
  mac.update(plaintext);
  return toHex(mac.digest());
}
