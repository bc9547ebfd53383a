import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { loadOrCreateKeys } from '../src/keys/key-file';
import { callOf, errorCode, gql, gqlOk } from './support/api';
import type { SessionAnswer, SignedInOperator } from './support/operator-session';
import { newSignedInOperator, sessionFields } from './support/operator-session';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const viewer = '{ viewer { kind operator { email } } }';
const refresh = `mutation($r: String!) { refreshSession(refreshToken: $r) { ${sessionFields} } }`;

describe('operator sessions', () => {
  let server: TestServer;
  let admin: SignedInOperator & { id: string; email: string };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());
  beforeEach(async () => {
    admin = await newSignedInOperator(server, callOf(server.url), 'PLATFORM_ADMIN', null);
  });

  const refreshWith = (token: string | null) =>
    gql<{ refreshSession: SessionAnswer }>(server.url, refresh, { r: token });
  const works = async (token: string) => errorCode(await gql(server.url, viewer, {}, token));

  it('carries a short-lived access token and a refresh token that rotates on each use', async () => {
    const { session } = admin;
    const ttl = Date.parse(session.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(Date.parse(session.refreshExpiresAt!)).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    const first = await refreshWith(session.refreshToken);
    expect(first.errors).toBeUndefined();
    const next = first.data!.refreshSession;
    expect(next.refreshToken).toMatch(/^cr_[0-9a-f]{64}$/);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.operator.email).toBe(admin.email);
    expect(await works(next.token)).toBeUndefined();

    const second = await refreshWith(next.refreshToken);
    expect(second.errors).toBeUndefined();
    expect(await works(second.data!.refreshSession.token)).toBeUndefined();

    // Only digests are stored.
    const { rows } = await server.services.pool.query<{ token_hash: string }>(
      'select token_hash from operator_refresh_token',
    );
    const stored = rows.map((row) => row.token_hash).join(' ');
    expect(stored).not.toContain(session.refreshToken!.slice(3));
  });

  it('treats a rotated refresh token presented again as a replay and ends the whole session', async () => {
    const stolen = admin.session.refreshToken!;
    const rotated = (await refreshWith(stolen)).data!.refreshSession;

    const replay = await refreshWith(stolen);
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(replay.errors?.[0]?.message).toMatch(/already used/);

    // The legitimate holder's newer tokens die with the family.
    expect(errorCode(await refreshWith(rotated.refreshToken))).toBe('UNAUTHENTICATED');
    expect(await works(rotated.token)).toBe('UNAUTHENTICATED');
    expect(await works(admin.session.token)).toBe('UNAUTHENTICATED');
  });

  it('revokes at once on logout: the access token and its refresh token both stop working', async () => {
    const other = (await refreshWith(admin.session.refreshToken)).data!.refreshSession;
    expect(await works(other.token)).toBeUndefined();

    expect(await gqlOk(server.url, 'mutation { logout }', {}, other.token)).toEqual({
      logout: true,
    });
    const after = await gql(server.url, viewer, {}, other.token);
    expect(after.status).toBe(401);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(errorCode(await refreshWith(other.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(server.url, 'mutation { logout }'))).toBe('UNAUTHENTICATED');
  });

  it('keeps other sessions of the operator when one logs out', async () => {
    const second = await gqlOk<{ login: SessionAnswer }>(
      server.url,
      'mutation($e: String!, $p: String!, $r: String) { login(email: $e, password: $p, recoveryCode: $r) { token } }',
      { e: admin.email, p: admin.password, r: admin.recoveryCodes[0] },
    );
    await gqlOk(server.url, 'mutation { logout }', {}, admin.session.token);
    expect(await works(admin.session.token)).toBe('UNAUTHENTICATED');
    expect(await works(second.login.token)).toBeUndefined();
  });

  it.each<[string, () => string | null]>([
    ['garbage', () => 'not-a-refresh-token'],
    ['an unknown token of the right shape', () => `cr_${'ab'.repeat(32)}`],
    ['an access token', () => admin.session.token],
    ['an empty string', () => ''],
  ])('refuses to refresh with %s', async (_, token) => {
    const result = await refreshWith(token());
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });

  describe('access tokens that are not good', () => {
    let secret: Buffer;
    let sessionId: string;

    beforeEach(async () => {
      secret = (await loadOrCreateKeys(server.dataDir)).tokenSecret;
      const { rows } = await server.services.pool.query<{ id: string }>(
        'select id from operator_session where operator_id = $1 and revoked_at is null',
        [admin.id],
      );
      sessionId = rows[0]!.id;
    });

    const sign = (claims: Record<string, unknown>, key: Buffer, exp = Date.now() / 1000 + 600) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('cairn')
        .setExpirationTime(Math.floor(exp))
        .sign(key);

    it('accepts a token signed with the server key for a live session (the control)', async () => {
      const token = await sign({ typ: 'operator', sub: admin.id, sid: sessionId }, secret);
      expect(await works(token)).toBeUndefined();
    });

    it.each<[string, () => Promise<string>]>([
      [
        'a bad signature',
        () => sign({ typ: 'operator', sub: admin.id, sid: sessionId }, Buffer.alloc(32, 7)),
      ],
      [
        'an expired token',
        () =>
          sign({ typ: 'operator', sub: admin.id, sid: sessionId }, secret, Date.now() / 1000 - 5),
      ],
      ['a token naming no session', () => sign({ typ: 'operator', sub: admin.id }, secret)],
      [
        'a token naming an unknown session',
        () => sign({ typ: 'operator', sub: admin.id, sid: randomUUID() }, secret),
      ],
      [
        "another operator's session",
        () => sign({ typ: 'operator', sub: randomUUID(), sid: sessionId }, secret),
      ],
      [
        'an altered payload',
        () => {
          const [header, , signature] = admin.session.token.split('.');
          const payload = Buffer.from(
            JSON.stringify({ typ: 'operator', sub: randomUUID(), sid: sessionId, iss: 'cairn' }),
          ).toString('base64url');
          return Promise.resolve(`${header}.${payload}.${signature}`);
        },
      ],
    ])('refuses %s with 401 UNAUTHENTICATED', async (_, token) => {
      const result = await gql(server.url, viewer, {}, await token());
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', retryable: false });
    });
  });
});

describe('operator sessions with a four-second access token', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ sessions: { accessSeconds: 4, refreshSeconds: 3600 } });
  });
  afterAll(() => server.stop());

  it('refuses the access token once expired, and a refresh brings a working one', async () => {
    const admin = await newSignedInOperator(server, callOf(server.url), 'PLATFORM_ADMIN', null);
    const left = Date.parse(admin.session.expiresAt) - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(left, 0) + 1100));

    const expired = await gql(server.url, viewer, {}, admin.session.token);
    expect(expired.status).toBe(401);
    expect(errorCode(expired)).toBe('UNAUTHENTICATED');

    const { refreshSession } = await gqlOk<{ refreshSession: SessionAnswer }>(server.url, refresh, {
      r: admin.session.refreshToken,
    });
    expect(errorCode(await gql(server.url, viewer, {}, refreshSession.token))).toBeUndefined();
  });
});
