import { importJWK } from 'jose';
import type { JWK } from 'jose';
import type { PartnerIdpRow } from '../db/entities';
import { BadInputError } from '../errors';
import type { PartnerIdpInput } from '../generated/resolvers';

export type PartnerIdpSettings = Pick<
  PartnerIdpRow,
  'issuer' | 'audience' | 'jwksUrl' | 'jwks' | 'clockSkewSeconds'
>;

/** The only algorithms a partner token may use: asymmetric, so Cairn never holds a signing key. */
export const partnerAlgorithms = ['RS256', 'ES256', 'EdDSA'] as const;

const maxSkewSeconds = 300;
const maxJwksBytes = 64 * 1024;
const maxKeys = 20;
const minRsaBits = 2048;
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** Checks a whole registration; nothing is stored unless every part is good. */
export async function checkPartnerIdpInput(
  input: PartnerIdpInput,
  options: { allowHttpJwks: boolean },
): Promise<PartnerIdpSettings> {
  const issuer = claimValue(input.issuer, 'issuer');
  const audience = claimValue(input.audience, 'audience');
  const clockSkewSeconds = input.clockSkewSeconds;
  if (
    clockSkewSeconds === null ||
    clockSkewSeconds === undefined ||
    !Number.isInteger(clockSkewSeconds) ||
    clockSkewSeconds < 0 ||
    clockSkewSeconds > maxSkewSeconds
  ) {
    throw new BadInputError(`clockSkewSeconds must be between 0 and ${maxSkewSeconds}`);
  }
  const hasUrl = input.jwksUrl !== null && input.jwksUrl !== undefined;
  const hasDocument = input.jwks !== null && input.jwks !== undefined;
  if (hasUrl === hasDocument) throw new BadInputError('give exactly one of jwksUrl and jwks');
  return {
    issuer,
    audience,
    clockSkewSeconds,
    jwksUrl: hasUrl ? checkJwksUrl(input.jwksUrl!, options.allowHttpJwks) : null,
    jwks: hasDocument ? await checkJwksDocument(input.jwks!) : null,
  };
}

function claimValue(value: string, name: string): string {
  if (!/^\S{1,500}$/u.test(value)) {
    throw new BadInputError(`${name} must be 1-500 characters without spaces`);
  }
  return value;
}

function checkJwksUrl(value: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadInputError('jwksUrl is not a URL');
  }
  if (value.length > 2000) throw new BadInputError('jwksUrl is longer than 2000 characters');
  const http = url.protocol === 'http:' && allowHttp;
  if (url.protocol !== 'https:' && !http) throw new BadInputError('jwksUrl must be an https URL');
  if (url.username || url.password) throw new BadInputError('jwksUrl must not carry credentials');
  return url.toString();
}

async function checkJwksDocument(text: string): Promise<{ keys: Record<string, unknown>[] }> {
  if (Buffer.byteLength(text) > maxJwksBytes) {
    throw new BadInputError(`jwks is larger than ${maxJwksBytes} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadInputError('jwks is not JSON');
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > maxKeys) {
    throw new BadInputError(`jwks must be an object whose "keys" holds 1-${maxKeys} keys`);
  }
  for (const [index, key] of keys.entries()) await checkPublicKey(key, index);
  return { keys: keys as Record<string, unknown>[] };
}

/** A public signing key for one of the allowed algorithms, importable as it stands. */
async function checkPublicKey(key: unknown, index: number): Promise<void> {
  const where = `jwks key ${index}`;
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    throw new BadInputError(`${where} is not a JSON object`);
  }
  const jwk = key as JWK;
  if (privateMembers.some((member) => member in jwk)) {
    throw new BadInputError(`${where} holds private or symmetric key material; give public keys`);
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    throw new BadInputError(`${where} is not a signing key (use "${jwk.use}")`);
  }
  const alg = algorithmFor(jwk);
  if (!alg) {
    throw new BadInputError(
      `${where} is not an RSA, P-256 or Ed25519/Ed448 key for ${partnerAlgorithms.join(', ')}`,
    );
  }
  if (alg === 'RS256' && rsaModulusBits(jwk) < minRsaBits) {
    throw new BadInputError(`${where} is an RSA key shorter than ${minRsaBits} bits`);
  }
  try {
    await importJWK(jwk, alg);
  } catch {
    throw new BadInputError(`${where} is not a valid ${alg} public key`);
  }
}

function rsaModulusBits(jwk: JWK): number {
  const modulus = typeof jwk.n === 'string' ? Buffer.from(jwk.n, 'base64url') : Buffer.alloc(0);
  const leadingZeros = modulus.findIndex((byte) => byte !== 0);
  return leadingZeros < 0 ? 0 : (modulus.length - leadingZeros) * 8;
}

function algorithmFor(jwk: JWK): string | null {
  const byType =
    jwk.kty === 'RSA'
      ? 'RS256'
      : jwk.kty === 'EC' && jwk.crv === 'P-256'
        ? 'ES256'
        : jwk.kty === 'OKP' && (jwk.crv === 'Ed25519' || jwk.crv === 'Ed448')
          ? 'EdDSA'
          : null;
  if (jwk.alg !== undefined && jwk.alg !== byType) return null;
  return byType;
}
