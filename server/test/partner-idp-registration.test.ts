import { exportJWK, generateKeyPair } from 'jose';
import { createTenantFixture, errorCode, gql, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import type { SigningKey } from './support/partner-idp';
import { idpFields, jwksOf, registerIdp, signingKey } from './support/partner-idp';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { operatorToken } from './support/trash';

const updateIdp = `mutation($id: ID!, $i: PartnerIdpInput!) {
  updatePartnerIdp(id: $id, input: $i) { ${idpFields} } }`;

describe('registering a partner identity provider', () => {
  let server: TestServer;
  let t: TenantFixture;
  let key: SigningKey;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
    key = await signingKey('RS256', 'r1');
  });
  afterAll(() => server.stop());

  const idpRows = async () => {
    const { rows } = await server.services.pool.query<Record<string, unknown>>(
      'select issuer, audience, jwks_url, jwks, clock_skew_seconds from partner_idp where tenant_id = $1 order by issuer',
      [t.tenantId],
    );
    return rows;
  };
  const good = () => ({
    issuer: 'https://accounts.partner.example',
    audience: 'cairn',
    jwks: JSON.stringify(jwksOf(key)),
    clockSkewSeconds: 60,
  });
  const keysWith = (change: Record<string, unknown>) =>
    JSON.stringify({ keys: [{ ...key.jwk, ...change }] });

  /** [case, how the input differs from a good one]. */
  const badInputs: [string, () => Promise<Record<string, unknown>> | Record<string, unknown>][] = [
    ['an empty issuer', () => ({ issuer: '' })],
    ['an issuer with spaces', () => ({ issuer: 'https://a b.example' })],
    ['an empty audience', () => ({ audience: '' })],
    ['a skew below 0', () => ({ clockSkewSeconds: -1 })],
    ['a skew above 300', () => ({ clockSkewSeconds: 301 })],
    ['a null skew', () => ({ clockSkewSeconds: null })],
    ['both a JWKS URL and a JWKS', () => ({ jwksUrl: 'https://keys.partner.example/jwks' })],
    ['neither a JWKS URL nor a JWKS', () => ({ jwks: null })],
    ['an http JWKS URL', () => ({ jwks: null, jwksUrl: 'http://keys.partner.example/jwks' })],
    ['a JWKS URL that is no URL', () => ({ jwks: null, jwksUrl: 'keys.partner.example' })],
    [
      'a JWKS URL with credentials',
      () => ({ jwks: null, jwksUrl: 'https://user:pw@keys.partner.example/jwks' }),
    ],
    ['a JWKS that is not JSON', () => ({ jwks: '{"keys": [' })],
    ['a JWKS without keys', () => ({ jwks: '{"keys": []}' })],
    ['a JWKS that is a list', () => ({ jwks: JSON.stringify([key.jwk]) })],
    [
      'a JWKS of more than 20 keys',
      () => ({ jwks: JSON.stringify({ keys: Array.from({ length: 21 }, () => key.jwk) }) }),
    ],
    [
      'a JWKS over 64 KiB',
      () => ({ jwks: JSON.stringify({ keys: [{ ...key.jwk, x5c: ['A'.repeat(70_000)] }] }) }),
    ],
    [
      'a private key',
      async () => {
        const { privateKey } = await generateKeyPair('ES256', { extractable: true });
        return { jwks: JSON.stringify({ keys: [await exportJWK(privateKey)] }) };
      },
    ],
    ['a symmetric key', () => ({ jwks: '{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}' })],
    ['a key for HS256', () => ({ jwks: keysWith({ alg: 'HS256' }) })],
    ['an encryption key', () => ({ jwks: keysWith({ use: 'enc' }) })],
    [
      'a P-384 key (ES384 is not allowed)',
      async () => {
        const { publicKey } = await generateKeyPair('ES384', { extractable: true });
        return { jwks: JSON.stringify({ keys: [await exportJWK(publicKey)] }) };
      },
    ],
    ['an RSA key shorter than 2048 bits', () => ({ jwks: keysWith({ n: 'AQAB' }) })],
    [
      'an EC key whose point is not on the curve',
      async () => {
        const ec = await signingKey('ES256', 'e1');
        const x = Buffer.from(ec.jwk.x!, 'base64url');
        x[0]! ^= 1;
        return { jwks: JSON.stringify({ keys: [{ ...ec.jwk, x: x.toString('base64url') }] }) };
      },
    ],
  ];

  it.each(badInputs)('refuses %s with BAD_USER_INPUT and stores nothing', async (_, change) => {
    const result = await registerIdp(server.url, t.adminToken, t.tenantId, {
      ...good(),
      ...(await change()),
    });
    expect([errorCode(result), result.data]).toEqual(['BAD_USER_INPUT', null]);
    expect(await idpRows()).toEqual([]);
  });

  it('stores a good registration once per issuer (CONFLICT for the same issuer)', async () => {
    const first = await registerIdp(server.url, t.adminToken, t.tenantId, good());
    expect(first.errors).toBeUndefined();
    const again = await registerIdp(server.url, t.adminToken, t.tenantId, {
      ...good(),
      audience: 'other',
    });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await idpRows()).toEqual([
      expect.objectContaining({ issuer: good().issuer, audience: 'cairn', clock_skew_seconds: 60 }),
    ]);
  });

  it('updates a registration whole; a bad update or a taken issuer changes nothing', async () => {
    const second = await registerIdp(server.url, t.adminToken, t.tenantId, {
      ...good(),
      issuer: 'https://second.partner.example',
      jwks: null,
      jwksUrl: 'https://second.partner.example/.well-known/jwks.json',
    });
    const id = second.data!.registerPartnerIdp.id;
    const before = await idpRows();

    const bad = await gql(
      server.url,
      updateIdp,
      { id, i: { ...good(), clockSkewSeconds: 999 } },
      t.adminToken,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const taken = await gql(server.url, updateIdp, { id, i: good() }, t.adminToken);
    expect(errorCode(taken)).toBe('CONFLICT');
    expect(await idpRows()).toEqual(before);

    const moved = await gqlOk<{ updatePartnerIdp: Record<string, unknown> }>(
      server.url,
      updateIdp,
      { id, i: { ...good(), issuer: 'https://second.partner.example', audience: 'photos' } },
      t.adminToken,
    );
    expect(moved.updatePartnerIdp).toMatchObject({ audience: 'photos', jwksUrl: null });
    expect(JSON.parse(moved.updatePartnerIdp.jwks as string)).toEqual(jwksOf(key));
  });

  it('is for tenant admins: viewers are refused and nothing changes', async () => {
    const viewer = await operatorToken(server, t.tenantId, 'TENANT_VIEWER');
    const before = await idpRows();
    const input = { ...good(), issuer: 'https://viewer.partner.example' };
    expect(errorCode(await registerIdp(server.url, viewer, t.tenantId, input))).toBe('FORBIDDEN');
    const [{ id }] = (
      await gqlOk<{ tenantSettings: { partnerIdps: { id: string }[] } }>(
        server.url,
        'query($t: ID!) { tenantSettings(tenantId: $t) { partnerIdps { id } } }',
        { t: t.tenantId },
        viewer,
      )
    ).tenantSettings.partnerIdps as [{ id: string }];
    const remove = 'mutation($id: ID!) { removePartnerIdp(id: $id) { id } }';
    expect(errorCode(await gql(server.url, remove, { id }, viewer))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, updateIdp, { id, i: input }, viewer))).toBe('FORBIDDEN');
    expect(await idpRows()).toEqual(before);
  });
});
