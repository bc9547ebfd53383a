import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import type { Crypto, IncrementalHash } from '../core/ports';

const tagLength = 16;

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** The `Crypto` port over node:crypto (OpenSSL). */
export const nodeCrypto: Crypto = {
  hmacSha256(key): IncrementalHash {
    const mac = createHmac('sha256', key);
    return { update: (bytes) => void mac.update(bytes), digest: () => view(mac.digest()) };
  },

  sha256: (bytes) => view(createHash('sha256').update(bytes).digest()),

  sha256Hasher(): IncrementalHash {
    const hash = createHash('sha256');
    return { update: (bytes) => void hash.update(bytes), digest: () => view(hash.digest()) };
  },

  hkdfSha256: (ikm, salt, info, length) =>
    new Uint8Array(hkdfSync('sha256', ikm, salt, info, length)),

  aes256GcmEncrypt(key, nonce, plaintext, aad) {
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength });
    cipher.setAAD(aad);
    const head = cipher.update(plaintext);
    const tail = cipher.final();
    const ciphertext = tail.length === 0 ? head : Buffer.concat([head, tail]);
    return { ciphertext: view(ciphertext), tag: view(cipher.getAuthTag()) };
  },

  aes256GcmDecrypt(key, nonce, sealed, aad) {
    if (sealed.length < tagLength) throw new Error('sealed data is shorter than its tag');
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
    const head = decipher.update(sealed.subarray(0, sealed.length - tagLength));
    const tail = decipher.final();
    return tail.length === 0 ? view(head) : view(Buffer.concat([head, tail]));
  },

  randomBytes: (length) => view(randomBytes(length)),
};
