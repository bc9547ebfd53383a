import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK, KeyLike } from 'jose';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { gql } from './api';

export interface SigningKey {
  alg: 'RS256' | 'ES256' | 'EdDSA';
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

/** A key pair made now, with its public half as a JWKS entry. */
export async function signingKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, jwk };
}

export const jwksOf = (...keys: SigningKey[]) => ({ keys: keys.map((key) => key.jwk) });

export interface PartnerClaims {
  iss: string;
  aud: string;
  sub: string;
  /** Seconds from now; null leaves the claim out. */
  expIn?: number | null;
  nbfIn?: number;
}

/** A partner JWT as an identity provider would issue it. */
export function partnerToken(key: SigningKey, claims: PartnerClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setSubject(claims.sub)
    .setIssuedAt(now);
  const expIn = claims.expIn === undefined ? 600 : claims.expIn;
  if (expIn !== null) jwt.setExpirationTime(now + expIn);
  if (claims.nbfIn !== undefined) jwt.setNotBefore(now + claims.nbfIn);
  return jwt.sign(key.privateKey);
}

/** A local HTTP server publishing a JWKS, counting how often it is fetched. */
export async function serveJwks(jwks: () => unknown) {
  let fetches = 0;
  const server = http.createServer((req, res) => {
    fetches += 1;
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const idpFields = 'id tenantId issuer audience jwksUrl jwks clockSkewSeconds';

export function registerIdp(
  url: string,
  token: string,
  tenantId: string,
  input: Record<string, unknown>,
) {
  return gql<{ registerPartnerIdp: { id: string; issuer: string } }>(
    url,
    `mutation($t: ID!, $i: PartnerIdpInput!) {
       registerPartnerIdp(tenantId: $t, input: $i) { ${idpFields} } }`,
    { t: tenantId, i: input },
    token,
  );
}

export const signInMutation = `mutation($t: ID!, $jwt: String!) {
  signInWithPartnerToken(tenantId: $t, token: $jwt) { token expiresAt user { id externalId } }
}`;

export function signIn(url: string, tenantId: string, jwt: string) {
  return gql<{
    signInWithPartnerToken: {
      token: string;
      expiresAt: string;
      user: { id: string; externalId: string };
    };
  }>(url, signInMutation, { t: tenantId, jwt });
}
