import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { errorCode } from '../errors';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The local key file driver: one JSON file (mode 0600) holding the tenant KMS key that wraps
 * user master keys, and the secret that signs operator/user tokens and chunk URLs.
 */
export interface ServerKeys {
  tenantKmsKey: Buffer;
  tokenSecret: Buffer;
  /** Encrypts operators' TOTP secrets at rest. */
  operatorSecretsKey: Buffer;
}

export async function loadOrCreateKeys(dataDir: string): Promise<ServerKeys> {
  const file = path.join(dataDir, 'keys.json');
  await fs.mkdir(dataDir, { recursive: true });
  const fresh = {
    tenantKmsKey: randomBytes(32).toString('base64'),
    tokenSecret: randomBytes(32).toString('base64'),
  };
  try {
    // 'wx' makes concurrent first starts agree on one file.
    await fs.writeFile(file, JSON.stringify(fresh, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
  const stored = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  const tenantKmsKey = decodeKey(stored, 'tenantKmsKey');
  return {
    tenantKmsKey,
    tokenSecret: decodeKey(stored, 'tokenSecret'),
    operatorSecretsKey: subkey(tenantKmsKey, 'cairn operator secrets v1'),
  };
}

/**
 * A key for one purpose, derived (HKDF-SHA-256) from a key of the file. Deriving instead of
 * storing a new entry keeps key files written before the purpose existed valid, and never needs
 * two starting processes to agree on rewriting the file.
 */
function subkey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), purpose, 32));
}

function decodeKey(stored: Record<string, unknown>, name: string): Buffer {
  const value = stored[name];
  const key = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new Error(`keys.json: ${name} must be 32 bytes of base64`);
  return key;
}

/** AES-256-GCM key wrap; the context (tenant and user ids) is bound as additional data. */
export function wrapKey(kek: Buffer, key: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unwrapKey(kek: Buffer, wrapped: string, context: string): Buffer {
  const raw = Buffer.from(wrapped, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', kek, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}
