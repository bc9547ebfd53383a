import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config';
import { callOf, createTenantFixture, errorCode, gql, gqlOk, randomName } from './support/api';
import type { TenantFixture } from './support/api';
import type { SessionAnswer, SignedInOperator } from './support/operator-session';
import {
  loginMutation,
  newSignedInOperator,
  sessionFields,
  signInFirstTime,
} from './support/operator-session';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

type Operator = SignedInOperator & { id: string; email: string };

const create = `mutation($i: CreateOperatorInput!) {
  createOperator(input: $i) { temporaryPassword operator { id email role tenantId mustChangePassword totpEnabled disabledAt } } }`;
const disable = 'mutation($id: ID!) { disableOperator(id: $id) { id disabledAt } }';
const enable = 'mutation($id: ID!) { enableOperator(id: $id) { id disabledAt } }';
const remove = 'mutation($id: ID!) { deleteOperator(id: $id) }';
const reset = `mutation($id: ID!, $t: Boolean) {
  resetOperatorPassword(id: $id, resetTotp: $t) { temporaryPassword operator { id mustChangePassword totpEnabled } } }`;
const changePassword = `mutation($c: String!, $n: String!) {
  changePassword(currentPassword: $c, newPassword: $n) { ${sessionFields} } }`;
const one = 'query($id: ID!) { operator(id: $id) { id email } }';
const viewer = '{ viewer { kind } }';

interface Created {
  createOperator: {
    temporaryPassword: string;
    operator: { id: string; email: string; role: string; tenantId: string | null };
  };
}

describe('operator management', () => {
  let server: TestServer;
  let a: TenantFixture;
  let b: TenantFixture;
  let platform: string;
  let adminA: Operator;
  let viewerA: Operator;
  let adminB: Operator;

  beforeAll(async () => {
    const defaults = loadConfig({}).rateLimits;
    server = await startTestServer({
      rateLimits: { ...defaults, loginPerIp: 10_000, loginFailures: 3 },
    });
    [a, b] = [await createTenantFixture(server.url), await createTenantFixture(server.url)];
    platform = a.adminToken;
    const call = callOf(server.url);
    adminA = await newSignedInOperator(server, call, 'TENANT_ADMIN', a.tenantId);
    viewerA = await newSignedInOperator(server, call, 'TENANT_VIEWER', a.tenantId);
    adminB = await newSignedInOperator(server, call, 'TENANT_ADMIN', b.tenantId);
  });
  afterAll(() => server.stop());

  const operatorCount = async () => {
    const { rows } = await server.services.pool.query<{ n: number }>(
      'select count(*)::int as n from operator',
    );
    return rows[0]!.n;
  };
  const login = (email: string, password: string, codes: { c?: string; r?: string } = {}) =>
    gql<{ login: SessionAnswer }>(server.url, loginMutation, { e: email, p: password, ...codes });
  const newEmail = () => `${randomName('new')}@cairn.test`;

  it('creates an operator with a temporary password that must be replaced at first sign-in', async () => {
    const email = newEmail();
    const { createOperator } = await gqlOk<Created>(
      server.url,
      create,
      { i: { email, role: 'TENANT_ADMIN', tenantId: a.tenantId } },
      platform,
    );
    expect(createOperator.operator).toMatchObject({
      email,
      role: 'TENANT_ADMIN',
      tenantId: a.tenantId,
      mustChangePassword: true,
      totpEnabled: false,
      disabledAt: null,
    });
    const temporary = createOperator.temporaryPassword;
    expect(temporary.length).toBeGreaterThanOrEqual(16);

    const first = (await login(email, temporary)).data!.login;
    expect(first).toMatchObject({ restriction: 'PASSWORD_CHANGE_REQUIRED', refreshToken: null });
    const refused = await gql(server.url, '{ tenants { total } }', {}, first.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PASSWORD_CHANGE_REQUIRED',
    });
    expect(
      errorCode(
        await gql(server.url, 'mutation { startTotpEnrolment { secret } }', {}, first.token),
      ),
    ).toBe('FORBIDDEN');

    for (const [current, next] of [
      ['not-the-password', 'a-new-long-password'],
      [temporary, 'short'],
      [temporary, 'x'.repeat(1025)],
      [temporary, temporary],
    ]) {
      const bad = await gql(server.url, changePassword, { c: current, n: next }, first.token);
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    }
    const { changePassword: changed } = await gqlOk<{ changePassword: SessionAnswer }>(
      server.url,
      changePassword,
      { c: temporary, n: 'a-new-long-password' },
      first.token,
    );
    expect(changed.restriction).toBe('TOTP_ENROLMENT_REQUIRED');
    expect(await gql(server.url, viewer, {}, first.token).then(errorCode)).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(email, temporary))).toBe('UNAUTHENTICATED');
    expect((await login(email, 'a-new-long-password')).data!.login.restriction).toBe(
      'TOTP_ENROLMENT_REQUIRED',
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a tenant role without a tenant', { role: 'TENANT_VIEWER' }, 'BAD_USER_INPUT'],
    ['a platform admin with a tenant', { role: 'PLATFORM_ADMIN', tenantId: 'A' }, 'BAD_USER_INPUT'],
    ['an unknown tenant', { role: 'TENANT_ADMIN', tenantId: randomUUID() }, 'NOT_FOUND'],
    ['a tenant id that is no id', { role: 'TENANT_ADMIN', tenantId: 'x' }, 'BAD_USER_INPUT'],
    ['a bad email', { role: 'TENANT_ADMIN', tenantId: 'A', email: 'nope' }, 'BAD_USER_INPUT'],
    ['a taken email', { role: 'TENANT_ADMIN', tenantId: 'A', email: 'taken' }, 'CONFLICT'],
  ])('refuses to create %s and creates nothing', async (_, input, code) => {
    const email = input.email === 'taken' ? adminA.email : ((input.email as string) ?? newEmail());
    const tenantId = input.tenantId === 'A' ? a.tenantId : input.tenantId;
    const before = await operatorCount();
    const result = await gql(server.url, create, { i: { ...input, email, tenantId } }, platform);
    expect(errorCode(result)).toBe(code);
    expect(await operatorCount()).toBe(before);
  });

  it('lets a tenant admin create admins and viewers of their own tenant only', async () => {
    const own = await gqlOk<Created>(
      server.url,
      create,
      { i: { email: newEmail(), role: 'TENANT_VIEWER' } },
      adminA.session.token,
    );
    expect(own.createOperator.operator.tenantId).toBe(a.tenantId);

    const before = await operatorCount();
    const elsewhere = await gql(
      server.url,
      create,
      { i: { email: newEmail(), role: 'TENANT_ADMIN', tenantId: b.tenantId } },
      adminA.session.token,
    );
    expect(errorCode(elsewhere)).toBe('NOT_FOUND');
    const platformAdmin = await gql(
      server.url,
      create,
      { i: { email: newEmail(), role: 'PLATFORM_ADMIN' } },
      adminA.session.token,
    );
    expect(errorCode(platformAdmin)).toBe('FORBIDDEN');
    expect(await operatorCount()).toBe(before);
  });

  it("answers NOT_FOUND for another tenant's operator, whatever the tenant admin asks", async () => {
    for (const query of [one, disable, enable, remove]) {
      const result = await gql(server.url, query, { id: adminB.id }, adminA.session.token);
      expect(errorCode(result)).toBe('NOT_FOUND');
    }
    expect(await gql(server.url, viewer, {}, adminB.session.token).then(errorCode)).toBeUndefined();
    const { operators } = await gqlOk<{ operators: { items: { tenantId: string }[] } }>(
      server.url,
      '{ operators(limit: 500) { items { tenantId } } }',
      {},
      adminA.session.token,
    );
    expect(new Set(operators.items.map((o) => o.tenantId))).toEqual(new Set([a.tenantId]));
    const named = await gql(
      server.url,
      '{ operators(tenantId: "' + b.tenantId + '") { total } }',
      {},
      adminA.session.token,
    );
    expect(errorCode(named)).toBe('NOT_FOUND');
  });

  it('refuses every management call from a viewer with FORBIDDEN', async () => {
    const before = await operatorCount();
    const attempts: [string, Record<string, unknown>][] = [
      [create, { i: { email: newEmail(), role: 'TENANT_VIEWER' } }],
      [disable, { id: adminA.id }],
      [enable, { id: adminA.id }],
      [remove, { id: adminA.id }],
      [reset, { id: adminA.id }],
    ];
    for (const [query, variables] of attempts) {
      const result = await gql(server.url, query, variables, viewerA.session.token);
      expect(errorCode(result)).toBe('FORBIDDEN');
    }
    expect(await operatorCount()).toBe(before);
    expect(await gql(server.url, viewer, {}, adminA.session.token).then(errorCode)).toBeUndefined();
  });

  it('refuses operators disabling, deleting or resetting themselves', async () => {
    for (const query of [disable, remove]) {
      expect(errorCode(await gql(server.url, query, { id: adminA.id }, adminA.session.token))).toBe(
        'FORBIDDEN',
      );
    }
    const { viewer: me } = await gqlOk<{ viewer: { operator: { id: string } } }>(
      server.url,
      '{ viewer { operator { id } } }',
      {},
      platform,
    );
    expect(errorCode(await gql(server.url, reset, { id: me.operator.id }, platform))).toBe(
      'FORBIDDEN',
    );
  });

  it('disables an operator (sessions end, sign-in refused) and enables it again', async () => {
    const target = await newSignedInOperator(
      server,
      callOf(server.url),
      'TENANT_VIEWER',
      a.tenantId,
    );
    const { disableOperator } = await gqlOk<{ disableOperator: { disabledAt: string } }>(
      server.url,
      disable,
      { id: target.id },
      adminA.session.token,
    );
    expect(disableOperator.disabledAt).toEqual(expect.any(String));
    expect(await gql(server.url, viewer, {}, target.session.token).then(errorCode)).toBe(
      'UNAUTHENTICATED',
    );
    const refresh = `mutation($r: String!) { refreshSession(refreshToken: $r) { token } }`;
    expect(errorCode(await gql(server.url, refresh, { r: target.session.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    const refused = await login(target.email, target.password);
    expect(refused.errors?.[0]?.message).toMatch(/disabled/);

    await gqlOk(server.url, enable, { id: target.id }, adminA.session.token);
    expect((await login(target.email, target.password)).errors).toBeUndefined();
  });

  it('deletes an operator for good', async () => {
    const target = await newSignedInOperator(
      server,
      callOf(server.url),
      'TENANT_VIEWER',
      a.tenantId,
    );
    expect(await gqlOk(server.url, remove, { id: target.id }, adminA.session.token)).toEqual({
      deleteOperator: target.id,
    });
    expect(errorCode(await gql(server.url, one, { id: target.id }, platform))).toBe('NOT_FOUND');
    expect(await gql(server.url, viewer, {}, target.session.token).then(errorCode)).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await login(target.email, target.password))).toBe('UNAUTHENTICATED');
  });

  describe('password reset by a platform admin', () => {
    let target: Operator;

    beforeEach(async () => {
      target = await newSignedInOperator(server, callOf(server.url), 'TENANT_ADMIN', a.tenantId);
    });

    it('revokes the sessions, lifts the lockout and asks for a new password at next sign-in', async () => {
      for (let i = 0; i < 3; i++) {
        expect(errorCode(await login(target.email, 'wrong-password-123'))).toBe('UNAUTHENTICATED');
      }
      expect(
        errorCode(await login(target.email, target.password, { r: target.recoveryCodes[0] })),
      ).toBe('RATE_LIMITED');

      const { resetOperatorPassword } = await gqlOk<{
        resetOperatorPassword: {
          temporaryPassword: string;
          operator: { mustChangePassword: boolean; totpEnabled: boolean };
        };
      }>(server.url, reset, { id: target.id }, platform);
      expect(resetOperatorPassword.operator).toEqual({
        id: target.id,
        mustChangePassword: true,
        totpEnabled: true,
      });
      const refresh = `mutation($r: String!) { refreshSession(refreshToken: $r) { token } }`;
      expect(await gql(server.url, viewer, {}, target.session.token).then(errorCode)).toBe(
        'UNAUTHENTICATED',
      );
      expect(errorCode(await gql(server.url, refresh, { r: target.session.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );

      // The old password is gone; the temporary one still needs the second factor.
      const temporary = resetOperatorPassword.temporaryPassword;
      expect(
        errorCode(await login(target.email, target.password, { r: target.recoveryCodes[0] })),
      ).toBe('UNAUTHENTICATED');
      expect((await login(target.email, temporary)).errors?.[0]?.extensions?.reason).toBe(
        'TOTP_REQUIRED',
      );
      const signedIn = await login(target.email, temporary, { r: target.recoveryCodes[1] });
      expect(signedIn.data!.login.restriction).toBe('PASSWORD_CHANGE_REQUIRED');
    });

    it('with resetTotp, removes the authenticator so the admin enrols again', async () => {
      const { resetOperatorPassword } = await gqlOk<{
        resetOperatorPassword: { temporaryPassword: string; operator: { totpEnabled: boolean } };
      }>(server.url, reset, { id: target.id, t: true }, platform);
      expect(resetOperatorPassword.operator.totpEnabled).toBe(false);
      const again = await signInFirstTime(
        callOf(server.url),
        target.email,
        resetOperatorPassword.temporaryPassword,
      );
      expect(again.session.restriction).toBeNull();
      expect(again.totpSecret).not.toBe(target.totpSecret);
      expect(
        errorCode(await login(target.email, again.password, { r: target.recoveryCodes[2] })),
      ).toBe('UNAUTHENTICATED');
    });

    it('is for platform admins only', async () => {
      const result = await gql(server.url, reset, { id: target.id }, adminA.session.token);
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(
        await gql(server.url, viewer, {}, target.session.token).then(errorCode),
      ).toBeUndefined();
    });

    it('answers NOT_FOUND for an unknown operator', async () => {
      expect(errorCode(await gql(server.url, reset, { id: randomUUID() }, platform))).toBe(
        'NOT_FOUND',
      );
    });
  });

  it("changes one's own password, ending the operator's other sessions", async () => {
    const target = await newSignedInOperator(
      server,
      callOf(server.url),
      'TENANT_VIEWER',
      a.tenantId,
    );
    const other = (await login(target.email, target.password)).data!.login;

    const { changePassword: changed } = await gqlOk<{ changePassword: SessionAnswer }>(
      server.url,
      changePassword,
      { c: target.password, n: 'my-own-new-password' },
      target.session.token,
    );
    expect(changed.restriction).toBeNull();
    expect(changed.refreshToken).toMatch(/^cr_/);
    expect(await gql(server.url, viewer, {}, changed.token).then(errorCode)).toBeUndefined();
    expect(await gql(server.url, viewer, {}, other.token).then(errorCode)).toBe('UNAUTHENTICATED');
    expect(await gql(server.url, viewer, {}, target.session.token).then(errorCode)).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await login(target.email, target.password))).toBe('UNAUTHENTICATED');
    expect((await login(target.email, 'my-own-new-password')).errors).toBeUndefined();
  });
});
