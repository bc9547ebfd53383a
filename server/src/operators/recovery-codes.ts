import { randomInt } from 'node:crypto';
import { hashSecret } from '../auth/secrets';

/** Crockford's base32: no i, l, o or u, so a code read off paper is typed back right. */
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
const codeLength = 16;
export const recoveryCodeCount = 10;

/**
 * Codes of 80 random bits, grouped in fours for reading. That is far beyond guessing, so a
 * SHA-256 digest is enough to store them (as for API keys).
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const chars = Array.from({ length: codeLength }, () => alphabet[randomInt(alphabet.length)]);
    return chars.join('').replace(/(.{4})(?!$)/g, '$1-');
  });
}

/** What a person typed, as it was generated: case, spaces and dashes ignored, o/i/l read as 0/1. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
}

export function recoveryCodeHash(typed: string): string {
  return hashSecret(normaliseRecoveryCode(typed));
}
