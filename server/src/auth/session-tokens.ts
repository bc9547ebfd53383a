import { SignJWT, jwtVerify } from 'jose';

/**
 * Operator access tokens and end-user tokens: HS256 JWTs signed with the key file's secret. An
 * operator token names its server-side session (`sid`), which logout and revocation end.
 */
export type SessionClaims =
  { typ: 'operator'; sub: string; sid: string } | { typ: 'user'; sub: string; tid: string };

const issuer = 'cairn';

export async function signSession(
  secret: Buffer,
  claims: SessionClaims,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secret);
  return { token, expiresAt };
}

/** Null for anything not a valid, unexpired token of ours. */
export async function verifySession(secret: Buffer, token: string): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer, algorithms: ['HS256'] });
    if (
      payload.typ === 'operator' &&
      typeof payload.sub === 'string' &&
      typeof payload.sid === 'string'
    ) {
      return { typ: 'operator', sub: payload.sub, sid: payload.sid };
    }
    if (
      payload.typ === 'user' &&
      typeof payload.sub === 'string' &&
      typeof payload.tid === 'string'
    ) {
      return { typ: 'user', sub: payload.sub, tid: payload.tid };
    }
    return null;
  } catch {
    return null;
  }
}
