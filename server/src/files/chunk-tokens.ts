import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact signed tokens for the data plane: base64url(JSON claims) "." base64url(HMAC-SHA-256).
 * A PUT token binds what the stored object must be; a GET token only who may read it.
 */
export interface PutClaims {
  op: 'put';
  tenantId: string;
  userId: string;
  chunkId: string;
  plainSize: number;
  size: number;
  checksum: string;
  /** The device that asked; the data plane counts its requests. */
  deviceId?: string;
  /** Unix seconds. */
  exp: number;
}

export interface GetClaims {
  op: 'get';
  tenantId: string;
  userId: string;
  chunkId: string;
  /** The recorded checksum of the chunk, which names its stored object. */
  checksum: string;
  deviceId?: string;
  exp: number;
}

export type ChunkClaims = PutClaims | GetClaims;

export const uploadTokenTtlSeconds = 15 * 60;
export const downloadTokenTtlSeconds = 60 * 60;

export function signChunkToken(secret: Buffer, claims: ChunkClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** Null when the token is malformed, forged or expired. */
export function verifyChunkToken(
  secret: Buffer,
  token: string,
  now = Date.now(),
): ChunkClaims | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ChunkClaims;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < now) return null;
    return claims;
  } catch {
    return null;
  }
}

function mac(secret: Buffer, body: string): string {
  // A distinct label keeps these MACs from ever validating as anything else signed by the secret.
  return createHmac('sha256', secret).update('cairn-chunk-token:').update(body).digest('base64url');
}

/**
 * Objects are named by the SHA-256 of their stored bytes, not by the chunk id: every upload of a
 * chunk is encrypted under a fresh nonce, so two uploads of one chunk are different bytes. Keyed by
 * checksum, an object at a key always holds exactly the bytes its name says, and the chunk row
 * (whose checksum names the object) decides which upload is the chunk. A losing concurrent upload,
 * or one cut off by a crash before its row, leaves only an unreferenced object behind.
 */
export function chunkBlobKey(tenantId: string, userId: string, checksum: string): string {
  return `${tenantId}/${userId}/${checksum.slice(0, 2)}/${checksum}`;
}
