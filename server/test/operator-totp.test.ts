import { loadConfig } from '../src/config';
import { loadOrCreateKeys, unwrapKey } from '../src/keys/key-file';
import { callOf, createTenantFixture, errorCode, gql, gqlOk, randomName } from './support/api';
import type { TenantFixture } from './support/api';
import type { SessionAnswer } from './support/operator-session';
import {
  atLeastLeftInStep,
  codeOfStep,
  loginMutation,
  newSignedInOperator,
  sessionFields,
  totpStep,
} from './support/operator-session';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

/** The code an authenticator showed `steps` time steps from now (negative: earlier). */
const codeAt = (secret: string, steps: number) => codeOfStep(secret, totpStep() + steps);

const login = (url: string, email: string, password: string, codes: { c?: string; r?: string }) =>
  gql<{ login: SessionAnswer }>(url, loginMutation, { e: email, p: password, ...codes });

const start = 'mutation { startTotpEnrolment { secret otpauthUri qrCodeDataUrl } }';
const confirm = `mutation($c: String!) {
  confirmTotpEnrolment(code: $c) { session { ${sessionFields} } recoveryCodes } }`;

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

describe('TOTP for operators', () => {
  let server: TestServer;
  let t: TenantFixture;
  let email: string;
  const password = 'a-long-enough-password';

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  beforeEach(async () => {
    email = `${randomName('admin')}@cairn.test`;
    await server.services.operators.create({
      email,
      password,
      role: 'TENANT_ADMIN',
      tenantId: t.tenantId,
    });
  });

  async function enrol(options: { confirmStep: number } = { confirmStep: 0 }) {
    const first = await login(server.url, email, password, {});
    const token = first.data!.login.token;
    const { startTotpEnrolment } = await gqlOk<{ startTotpEnrolment: Enrolment }>(
      server.url,
      start,
      {},
      token,
    );
    const { confirmTotpEnrolment } = await gqlOk<{
      confirmTotpEnrolment: { session: SessionAnswer; recoveryCodes: string[] };
    }>(server.url, confirm, { c: codeAt(startTotpEnrolment.secret, options.confirmStep) }, token);
    return { enrolmentToken: token, ...startTotpEnrolment, ...confirmTotpEnrolment };
  }

  it('gives an admin without TOTP a session that can only enrol, read viewer and log out', async () => {
    const { login: session } = (await login(server.url, email, password, {})).data!;
    expect(session).toMatchObject({ restriction: 'TOTP_ENROLMENT_REQUIRED', refreshToken: null });

    const viewer = await gqlOk<{
      viewer: { sessionRestriction: string; operator: { email: string } };
    }>(
      server.url,
      '{ viewer { sessionRestriction operator { email totpEnabled } } }',
      {},
      session.token,
    );
    expect(viewer.viewer).toMatchObject({
      sessionRestriction: 'TOTP_ENROLMENT_REQUIRED',
      operator: { email },
    });

    for (const [query, variables] of [
      ['{ tenants { total } }', {}],
      ['{ endUsers { total } }', {}],
      [
        'mutation($t: ID!) { createApiKey(tenantId: $t, name: "k", scopes: [USERS_READ]) { secret } }',
        { t: t.tenantId },
      ],
      ['{ ...Smuggled } fragment Smuggled on Query { operators { total } }', {}],
      ['{ viewer { kind } ... on Query { tenants { total } } }', {}],
      [
        'mutation { changePassword(currentPassword: "a-long-enough-password", newPassword: "another-long-password") { token } }',
        {},
      ],
    ] as const) {
      const refused = await gql(server.url, query, variables, session.token);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'TOTP_ENROLMENT_REQUIRED',
      });
      expect(refused.errors?.[0]?.message).toMatch(/TOTP enrolment is required/);
      expect(refused.data).toBeNull();
    }

    await gqlOk(server.url, 'mutation { logout }', {}, session.token);
    expect(errorCode(await gql(server.url, '{ viewer { kind } }', {}, session.token))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('enrols with a QR code and a confirmed code, answering a full session and recovery codes', async () => {
    const first = (await login(server.url, email, password, {})).data!.login;
    const { startTotpEnrolment: offer } = await gqlOk<{ startTotpEnrolment: Enrolment }>(
      server.url,
      start,
      {},
      first.token,
    );
    expect(offer.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(offer.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(offer.secret);
    expect(uri.searchParams.get('issuer')).toBe('Cairn');
    expect(decodeURIComponent(uri.pathname)).toContain(email);
    expect(offer.qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);

    const wrong = await gql(
      server.url,
      confirm,
      { c: '000000' === codeAt(offer.secret, 0) ? '111111' : '000000' },
      first.token,
    );
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server.url, confirm, { c: 'abc' }, first.token))).toBe(
      'BAD_USER_INPUT',
    );

    const { confirmTotpEnrolment } = await gqlOk<{
      confirmTotpEnrolment: { session: SessionAnswer; recoveryCodes: string[] };
    }>(server.url, confirm, { c: codeAt(offer.secret, 0) }, first.token);
    const { session, recoveryCodes } = confirmTotpEnrolment;
    expect(session.restriction).toBeNull();
    expect(session.refreshToken).toMatch(/^cr_/);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes[0]).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);

    // The enrolment session is spent; the full one works and cannot enrol again.
    expect(errorCode(await gql(server.url, '{ viewer { kind } }', {}, first.token))).toBe(
      'UNAUTHENTICATED',
    );
    const { tenants } = await gqlOk<{ tenants: { total: number } }>(
      server.url,
      '{ tenants { total } }',
      {},
      session.token,
    );
    expect(tenants.total).toBe(1);
    expect(errorCode(await gql(server.url, start, {}, session.token))).toBe('CONFLICT');
  });

  it('keeps the TOTP secret and recovery codes sealed and hashed at rest', async () => {
    const { secret, recoveryCodes } = await enrol();
    const { rows } = await server.services.pool.query<{
      id: string;
      totp_secret: string;
      totp_pending_secret: string | null;
    }>('select id, totp_secret, totp_pending_secret from operator where email = $1', [email]);
    const row = rows[0]!;
    expect(row.totp_pending_secret).toBeNull();
    expect(row.totp_secret).not.toContain(secret);
    expect(Buffer.from(row.totp_secret, 'base64').toString('latin1')).not.toContain(secret);
    const keys = await loadOrCreateKeys(server.dataDir);
    expect(
      unwrapKey(keys.operatorSecretsKey, row.totp_secret, `operator-totp:${row.id}`).toString(),
    ).toBe(secret);

    const codes = await server.services.pool.query<{ code_hash: string }>(
      'select code_hash from operator_recovery_code where operator_id = $1',
      [row.id],
    );
    expect(codes.rows).toHaveLength(10);
    const stored = codes.rows.map((r) => r.code_hash).join(' ');
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/-/g, ''));
    }
  });

  it('asks for a code after enrolment, and refuses wrong, reused and earlier codes', async () => {
    // Confirmed with the previous step's code, so the current step is still unused.
    const now = await atLeastLeftInStep(15);
    const { secret } = await enrol({ confirmStep: -1 });

    const bare = await login(server.url, email, password, {});
    expect(bare.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'TOTP_REQUIRED',
    });
    const wrongPassword = await login(server.url, email, 'wrong-password-123', {
      c: codeOfStep(secret, now),
    });
    expect(wrongPassword.errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      retryable: false,
    });
    const wrong = codeOfStep(secret, now) === '123456' ? '654321' : '123456';
    expect(errorCode(await login(server.url, email, password, { c: wrong }))).toBe(
      'UNAUTHENTICATED',
    );
    // A code from the step the enrolment already used is a replay.
    const enrolledWith = await login(server.url, email, password, {
      c: codeOfStep(secret, now - 1),
    });
    expect(enrolledWith.errors?.[0]?.message).toMatch(/already used/);

    const code = codeOfStep(secret, now);
    const ok = await login(server.url, email, password, { c: code });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.login).toMatchObject({ restriction: null, operator: { email } });

    const replay = await login(server.url, email, password, { c: code });
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(replay.errors?.[0]?.message).toMatch(/already used/);
    const earlier = await login(server.url, email, password, { c: codeOfStep(secret, now - 1) });
    expect(errorCode(earlier)).toBe('UNAUTHENTICATED');
    const tooOld = await login(server.url, email, password, { c: codeOfStep(secret, now - 3) });
    expect(errorCode(tooOld)).toBe('UNAUTHENTICATED');
  });

  it('signs in once with each recovery code, in any case and grouping', async () => {
    const { recoveryCodes } = await enrol();
    const [first, second] = recoveryCodes as [string, string];

    const used = await login(server.url, email, password, { r: first });
    expect(used.errors).toBeUndefined();
    expect(used.data!.login.restriction).toBeNull();
    expect(errorCode(await login(server.url, email, password, { r: first }))).toBe(
      'UNAUTHENTICATED',
    );

    const typed = ` ${second.replace(/-/g, ' ').toUpperCase()} `;
    expect((await login(server.url, email, password, { r: typed })).errors).toBeUndefined();
    expect(errorCode(await login(server.url, email, password, { r: second }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      errorCode(await login(server.url, email, password, { c: '123456', r: recoveryCodes[2] })),
    ).toBe('BAD_USER_INPUT');
  });

  it('lets a viewer sign in without TOTP, and asks for it once the viewer enrols', async () => {
    const viewer = await newSignedInOperator(
      server,
      callOf(server.url),
      'TENANT_VIEWER',
      t.tenantId,
    );
    expect(viewer.session.restriction).toBeNull();
    expect(viewer.totpSecret).toBeNull();

    const { startTotpEnrolment } = await gqlOk<{ startTotpEnrolment: Enrolment }>(
      server.url,
      start,
      {},
      viewer.session.token,
    );
    await gqlOk(
      server.url,
      confirm,
      { c: codeAt(startTotpEnrolment.secret, 0) },
      viewer.session.token,
    );
    const bare = await login(server.url, viewer.email, viewer.password, {});
    expect(bare.errors?.[0]?.extensions?.reason).toBe('TOTP_REQUIRED');
  });
});

describe('TOTP failures and the lockout', () => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof newSignedInOperator>>;

  beforeAll(async () => {
    const defaults = loadConfig({}).rateLimits;
    server = await startTestServer({
      rateLimits: { ...defaults, loginPerIp: 10_000, loginFailures: 3, loginLockoutSeconds: 60 },
    });
  });
  afterAll(() => server.stop());

  beforeEach(async () => {
    admin = await newSignedInOperator(server, callOf(server.url), 'PLATFORM_ADMIN', null);
  });

  const attempt = (c?: string) => login(server.url, admin.email, admin.password, { c });
  const wrongCode = () => (codeAt(admin.totpSecret!, 1) === '000000' ? '999999' : '000000');

  it('counts wrong codes like wrong passwords and then refuses even the right code', async () => {
    expect(errorCode(await attempt(wrongCode()))).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(server.url, admin.email, 'wrong-password-1', {}))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await attempt(wrongCode()))).toBe('UNAUTHENTICATED');
    const locked = await attempt(codeAt(admin.totpSecret!, 1));
    expect(errorCode(locked)).toBe('RATE_LIMITED');
  });

  it('does not reset the count when the right password comes without a code', async () => {
    expect(errorCode(await attempt(wrongCode()))).toBe('UNAUTHENTICATED');
    expect(errorCode(await attempt(wrongCode()))).toBe('UNAUTHENTICATED');
    expect((await attempt()).errors?.[0]?.extensions?.reason).toBe('TOTP_REQUIRED');
    expect(errorCode(await attempt(wrongCode()))).toBe('UNAUTHENTICATED');
    expect(errorCode(await attempt(codeAt(admin.totpSecret!, 1)))).toBe('RATE_LIMITED');
  });

  it('counts reused codes as failures', async () => {
    // The enrolment spent its step: sending that step's code again is a replay each time.
    const spent = codeOfStep(admin.totpSecret!, admin.totpStepUsed!);
    for (let i = 0; i < 3; i++) expect(errorCode(await attempt(spent))).toBe('UNAUTHENTICATED');
    expect(errorCode(await attempt(codeAt(admin.totpSecret!, 1)))).toBe('RATE_LIMITED');
  });
});
