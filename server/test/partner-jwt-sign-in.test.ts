import { randomBytes } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createTenantFixture, errorCode, gql, gqlOk, randomName } from './support/api';
import type { TenantFixture } from './support/api';
import type { SigningKey } from './support/partner-idp';
import {
  jwksOf,
  partnerToken,
  registerIdp,
  serveJwks,
  signIn,
  signingKey,
} from './support/partner-idp';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const remoteIssuer = 'https://login.partner-a.example';
const inlineIssuer = 'https://inline.partner-a.example';
const audience = 'cairn-photos-app';
const skew = 30;

describe('signing in with a partner JWT', () => {
  let server: TestServer;
  let a: TenantFixture;
  let b: TenantFixture;
  let rsa: SigningKey;
  let ec: SigningKey;
  let ed: SigningKey;
  let bRsa: SigningKey;
  let jwks: Awaited<ReturnType<typeof serveJwks>>;
  let remoteIdpId: string;

  beforeAll(async () => {
    server = await startTestServer({ partnerJwksAllowHttp: true });
    [a, b] = await Promise.all([createTenantFixture(server.url), createTenantFixture(server.url)]);
    [rsa, ec, ed, bRsa] = await Promise.all([
      signingKey('RS256', 'rsa-1'),
      signingKey('ES256', 'ec-1'),
      signingKey('EdDSA', 'ed-1'),
      // Tenant B trusts the same issuer name but its own key, under the same kid.
      signingKey('RS256', 'rsa-1'),
    ]);
    jwks = await serveJwks(() => jwksOf(rsa));

    const remote = await registerIdp(server.url, a.adminToken, a.tenantId, {
      issuer: remoteIssuer,
      audience,
      jwksUrl: jwks.url,
      clockSkewSeconds: skew,
    });
    remoteIdpId = remote.data!.registerPartnerIdp.id;
    const inline = await registerIdp(server.url, a.adminToken, a.tenantId, {
      issuer: inlineIssuer,
      audience,
      jwks: JSON.stringify(jwksOf(ec, ed)),
      clockSkewSeconds: skew,
    });
    const ofB = await registerIdp(server.url, b.adminToken, b.tenantId, {
      issuer: remoteIssuer,
      audience,
      jwks: JSON.stringify(jwksOf(bRsa)),
      clockSkewSeconds: skew,
    });
    for (const registered of [remote, inline, ofB]) expect(registered.errors).toBeUndefined();
  });
  afterAll(async () => {
    await server.stop();
    await jwks.close();
  });

  const usersNamed = async (tenantId: string, externalId: string) => {
    const { rows } = await server.services.pool.query(
      'select id from end_user where tenant_id = $1 and external_id = $2',
      [tenantId, externalId],
    );
    return rows.length;
  };

  it('creates the user on first sight from a token verified against a JWKS URL', async () => {
    const sub = randomName('partner-user');
    const jwt = await partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub });
    const first = await signIn(server.url, a.tenantId, jwt);
    expect(first.errors).toBeUndefined();
    const signedIn = first.data!.signInWithPartnerToken;
    expect(signedIn.user.externalId).toBe(sub);
    const expiresIn = Date.parse(signedIn.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);

    const { viewer } = await gqlOk<{ viewer: { kind: string; userId: string; tenantId: string } }>(
      server.url,
      '{ viewer { kind userId tenantId } }',
      {},
      signedIn.token,
    );
    expect(viewer).toEqual({ kind: 'USER', userId: signedIn.user.id, tenantId: a.tenantId });
    const device = await gql(
      server.url,
      'mutation { registerDevice(input: { name: "Phone", platform: "ios" }) { deviceToken } }',
      {},
      signedIn.token,
    );
    expect(device.errors).toBeUndefined();

    const again = await signIn(server.url, a.tenantId, jwt);
    expect(again.data!.signInWithPartnerToken.user.id).toBe(signedIn.user.id);
    expect(await usersNamed(a.tenantId, sub)).toBe(1);
  });

  it('verifies ES256 and EdDSA tokens against an inline JWKS', async () => {
    for (const key of [ec, ed]) {
      const sub = randomName(key.alg);
      const jwt = await partnerToken(key, { iss: inlineIssuer, aud: audience, sub });
      const result = await signIn(server.url, a.tenantId, jwt);
      expect([key.alg, result.errors]).toEqual([key.alg, undefined]);
      expect(result.data!.signInWithPartnerToken.user.externalId).toBe(sub);
    }
  });

  it('accepts exp and nbf just inside the clock skew', async () => {
    for (const times of [{ expIn: -(skew - 8) }, { nbfIn: skew - 8 }]) {
      const jwt = await partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub: 'x', ...times });
      const result = await signIn(server.url, a.tenantId, jwt);
      expect([times, result.errors]).toEqual([times, undefined]);
    }
  });

  /** [case, how the token is made, tenant it is shown to, what the refusal must say]. */
  const refusals: [string, (sub: string) => Promise<string>, () => string, RegExp][] = [
    [
      'an expired token',
      (sub) => partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub, expIn: -600 }),
      () => a.tenantId,
      /expired/,
    ],
    [
      'exp just outside the skew',
      (sub) => partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub, expIn: -(skew + 8) }),
      () => a.tenantId,
      /expired/,
    ],
    [
      'a token not valid yet',
      (sub) => partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub, nbfIn: 600 }),
      () => a.tenantId,
      /not valid yet/,
    ],
    [
      'nbf just outside the skew',
      (sub) => partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub, nbfIn: skew + 8 }),
      () => a.tenantId,
      /not valid yet/,
    ],
    [
      'a token without exp',
      (sub) => partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub, expIn: null }),
      () => a.tenantId,
      /exp/,
    ],
    [
      'a wrong issuer',
      (sub) => partnerToken(rsa, { iss: 'https://evil.example', aud: audience, sub }),
      () => a.tenantId,
      /issuer/,
    ],
    [
      'a wrong audience',
      (sub) => partnerToken(rsa, { iss: remoteIssuer, aud: 'another-app', sub }),
      () => a.tenantId,
      /audience/,
    ],
    [
      'a bad signature (payload changed after signing)',
      async (sub) => {
        const [header, , signature] = (
          await partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub: 'someone-else' })
        ).split('.');
        const now = Math.floor(Date.now() / 1000);
        const payload = { iss: remoteIssuer, aud: audience, sub, iat: now, exp: now + 600 };
        return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
      },
      () => a.tenantId,
      /signature/,
    ],
    [
      "a key of another identity provider's issuer (unknown kid)",
      async (sub) =>
        partnerToken(await signingKey('RS256', 'rsa-unknown'), {
          iss: remoteIssuer,
          aud: audience,
          sub,
        }),
      () => a.tenantId,
      /kid/,
    ],
    [
      'an inline JWKS without the signing kid',
      (sub) => partnerToken(rsa, { iss: inlineIssuer, aud: audience, sub }),
      () => a.tenantId,
      /kid/,
    ],
    [
      "tenant A's token shown to tenant B",
      (sub) => partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub }),
      () => b.tenantId,
      /signature/,
    ],
    [
      'alg none',
      (sub) =>
        Promise.resolve(
          new UnsecuredJWT({})
            .setIssuer(remoteIssuer)
            .setAudience(audience)
            .setSubject(sub)
            .setExpirationTime('10m')
            .encode(),
        ),
      () => a.tenantId,
      /alg/,
    ],
    [
      'HS256 (a shared secret)',
      (sub) =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
          .setIssuer(remoteIssuer)
          .setAudience(audience)
          .setSubject(sub)
          .setExpirationTime('10m')
          .sign(randomBytes(32)),
      () => a.tenantId,
      /alg/,
    ],
    ['something that is not a JWT', () => Promise.resolve('not.a.jwt'), () => a.tenantId, /JWT/],
    [
      'a tenant that does not exist',
      (sub) => partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub }),
      () => '00000000-0000-4000-8000-000000000000',
      /identity provider/,
    ],
  ];

  it.each(refusals)('refuses %s with UNAUTHENTICATED and creates no user', async (...row) => {
    const [, makeToken, tenant, reason] = row;
    const sub = randomName('refused');
    const result = await signIn(server.url, tenant(), await makeToken(sub));
    expect([errorCode(result), result.data]).toEqual(['UNAUTHENTICATED', null]);
    expect(result.errors![0]!.message).toMatch(reason);
    expect(await usersNamed(a.tenantId, sub)).toBe(0);
    expect(await usersNamed(b.tenantId, sub)).toBe(0);
  });

  it('fetches the JWKS once, not again for every unknown kid', async () => {
    const stranger = await signingKey('RS256', 'rsa-stranger');
    for (let i = 0; i < 5; i++) {
      const jwt = await partnerToken(stranger, { iss: remoteIssuer, aud: audience, sub: 'x' });
      expect(errorCode(await signIn(server.url, a.tenantId, jwt))).toBe('UNAUTHENTICATED');
    }
    // One fetch at first use, and at most one more if the cool-down passed meanwhile.
    expect(jwks.fetches()).toBeGreaterThanOrEqual(1);
    expect(jwks.fetches()).toBeLessThanOrEqual(2);
  });

  it('answers a retryable error when the JWKS cannot be fetched', async () => {
    const gone = await serveJwks(() => ({}));
    await gone.close();
    const issuer = `https://unreachable-${randomBytes(3).toString('hex')}.example`;
    const registered = await registerIdp(server.url, a.adminToken, a.tenantId, {
      issuer,
      audience,
      jwksUrl: gone.url,
    });
    expect(registered.errors).toBeUndefined();
    const jwt = await partnerToken(rsa, { iss: issuer, aud: audience, sub: randomName('u') });
    const result = await signIn(server.url, a.tenantId, jwt);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      retryable: true,
    });
  });

  it('refuses sign-in for a suspended tenant, and tokens of a removed identity provider', async () => {
    const jwt = await partnerToken(rsa, { iss: remoteIssuer, aud: audience, sub: 'kept' });
    const signedIn = (await signIn(server.url, a.tenantId, jwt)).data!.signInWithPartnerToken;

    const setStatus =
      'mutation($id: ID!, $s: TenantStatus!) { setTenantStatus(id: $id, status: $s) { id } }';
    await gqlOk(server.url, setStatus, { id: a.tenantId, s: 'SUSPENDED' }, a.adminToken);
    expect(errorCode(await signIn(server.url, a.tenantId, jwt))).toBe('FORBIDDEN');
    await gqlOk(server.url, setStatus, { id: a.tenantId, s: 'ACTIVE' }, a.adminToken);

    const viewer = '{ viewer { kind } }';
    expect(errorCode(await gql(server.url, viewer, {}, signedIn.token))).toBeUndefined();
    await gqlOk(
      server.url,
      'mutation($id: ID!) { removePartnerIdp(id: $id) { id } }',
      { id: remoteIdpId },
      a.adminToken,
    );
    expect(errorCode(await gql(server.url, viewer, {}, signedIn.token))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn(server.url, a.tenantId, jwt))).toBe('UNAUTHENTICATED');
  });
});
