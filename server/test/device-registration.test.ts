import { createTenantFixture, errorCode, gql, gqlOk, mintUser, randomName } from './support/api';
import type { TenantFixture } from './support/api';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { operatorToken } from './support/trash';

const register = `mutation($i: RegisterDeviceInput!) {
  registerDevice(input: $i) { deviceToken device { id name platform appVersion } } }`;
const setLimit = `mutation($t: ID!, $n: Int) {
  updateTenantSettings(tenantId: $t, input: { maxDevicesPerUser: $n }) { maxDevicesPerUser } }`;

describe('registering devices', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  const registerAs = (userToken: string, input: Record<string, unknown>) =>
    gql<{ registerDevice: { device: { id: string; appVersion: string | null } } }>(
      server.url,
      register,
      { i: { name: 'Phone', platform: 'ios', ...input } },
      userToken,
    );
  const deviceCount = async (userId: string) => {
    const { rows } = await server.services.pool.query<{ n: number }>(
      'select count(*)::int as n from device where user_id = $1',
      [userId],
    );
    return rows[0]!.n;
  };

  it('stores the app version a device registers with, and shows it to operators', async () => {
    const { registerDevice } = await gqlOk<{
      registerDevice: { device: { id: string; appVersion: string } };
    }>(
      server.url,
      register,
      { i: { name: 'Pixel 9', platform: 'android', appVersion: ' 4.2.0 ' } },
      t.userToken,
    );
    expect(registerDevice.device.appVersion).toBe('4.2.0');
    const viewer = await operatorToken(server, t.tenantId, 'TENANT_VIEWER');
    const { device } = await gqlOk<{ device: { appVersion: string; lastSeenAt: string | null } }>(
      server.url,
      'query($d: ID!) { device(id: $d) { appVersion lastSeenAt } }',
      { d: registerDevice.device.id },
      viewer,
    );
    expect(device).toEqual({ appVersion: '4.2.0', lastSeenAt: null });
  });

  it('registers a device whose app sends no version', async () => {
    const result = await registerAs(t.userToken, {});
    expect(result.data?.registerDevice.device.appVersion).toBeNull();
  });

  it.each([
    ['an empty app version', ''],
    ['a blank app version', '   '],
    ['an app version over 50 characters', '1.'.repeat(26)],
  ])('refuses %s with BAD_USER_INPUT and registers nothing', async (_, appVersion) => {
    const user = await mintUser(server.url, t.apiKey, randomName('v'));
    const result = await registerAs(user.token, { appVersion });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await deviceCount(user.userId)).toBe(0);
  });

  it("holds each user to the tenant's device limit; revoked devices do not count", async () => {
    const limited = await createTenantFixture(server.url);
    await gqlOk(server.url, setLimit, { t: limited.tenantId, n: 2 }, limited.adminToken);
    // The fixture's user already has one device.
    expect((await registerAs(limited.userToken, { name: 'Second' })).errors).toBeUndefined();

    const third = await registerAs(limited.userToken, { name: 'Third' });
    expect(errorCode(third)).toBe('DEVICE_LIMIT_REACHED');
    expect(third.errors![0]!.extensions).toMatchObject({ limit: 2, retryable: false });
    expect(await deviceCount(limited.userId)).toBe(2);

    // Another user of the tenant has places of their own.
    const other = await mintUser(server.url, limited.apiKey, randomName('other'));
    expect((await registerAs(other.token, {})).errors).toBeUndefined();

    await gqlOk(
      server.url,
      'mutation($d: ID!) { revokeDevice(id: $d) { id } }',
      { d: limited.deviceId },
      limited.apiKey,
    );
    expect((await registerAs(limited.userToken, { name: 'Replacement' })).errors).toBeUndefined();
    expect(errorCode(await registerAs(limited.userToken, { name: 'One too many' }))).toBe(
      'DEVICE_LIMIT_REACHED',
    );

    await gqlOk(server.url, setLimit, { t: limited.tenantId, n: null }, limited.adminToken);
    expect((await registerAs(limited.userToken, { name: 'Unlimited' })).errors).toBeUndefined();
  });

  it('lets only one of two simultaneous registrations take the last place', async () => {
    const limited = await createTenantFixture(server.url);
    await gqlOk(server.url, setLimit, { t: limited.tenantId, n: 2 }, limited.adminToken);
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((name) => registerAs(limited.userToken, { name })),
    );
    expect(results.map(errorCode).sort()).toEqual([
      'DEVICE_LIMIT_REACHED',
      'DEVICE_LIMIT_REACHED',
      'DEVICE_LIMIT_REACHED',
      undefined,
    ]);
    expect(await deviceCount(limited.userId)).toBe(2);
  });
});
