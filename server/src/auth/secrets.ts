import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, hex so the credential splits unambiguously on "_". */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

/** A fast hash is enough: the secrets are 256 random bits, nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const opaquePattern = new RegExp(`^(ck|cd)_(${uuid})_([0-9a-f]{64})$`);

export function formatCredential(kind: 'ck' | 'cd', id: string, secret: string): string {
  return `${kind}_${id}_${secret}`;
}

export function parseCredential(
  token: string,
): { kind: 'ck' | 'cd'; id: string; secret: string } | null {
  const match = opaquePattern.exec(token);
  if (!match) return null;
  return { kind: match[1] as 'ck' | 'cd', id: match[2]!, secret: match[3]! };
}
