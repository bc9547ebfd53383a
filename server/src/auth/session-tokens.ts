import { SignJWT, jwtVerify } from 'jose';

/**
 * Operator access tokens and end-user tokens: HS256 JWTs signed with the key file's secret. An
 * operator token names its server-side session (`sid`), which logout and revocation end. A user
 * token names what signed the user in (`key`: an API key, `idp`: a partner identity provider),
 * so revoking that also refuses the token.
 */
export type UserTokenSource = { key: string } | { idp: string };
export type SessionClaims =
  | { typ: 'operator'; sub: string; sid: string }
  | ({ typ: 'user'; sub: string; tid: string } & UserTokenSource);

const issuer = 'cairn';

/** `notAfter` caps the expiry, e.g. at the expiry of the API key minting the token. */
export async function signSession(
  secret: Buffer,
  claims: SessionClaims,
  ttlSeconds: number,
  notAfter: Date | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const requested = Date.now() + ttlSeconds * 1000;
  const expiresAt = new Date(notAfter ? Math.min(requested, notAfter.getTime()) : requested);
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
    if (payload.typ !== 'user' || typeof payload.sub !== 'string') return null;
    if (typeof payload.tid !== 'string') return null;
    const user = { typ: 'user', sub: payload.sub, tid: payload.tid } as const;
    // Exactly one source: a token bound to nothing could never be revoked.
    if (typeof payload.key === 'string' && payload.idp === undefined) {
      return { ...user, key: payload.key };
    }
    if (typeof payload.idp === 'string' && payload.key === undefined) {
      return { ...user, idp: payload.idp };
    }
    return null;
  } catch {
    return null;
  }
}
