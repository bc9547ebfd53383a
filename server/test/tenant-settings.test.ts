import { createTenantFixture, errorCode, gql, gqlOk } from './support/api';
import type { TenantFixture } from './support/api';
import { createKey } from './support/api-keys';
import { jwksOf, registerIdp, signingKey } from './support/partner-idp';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';
import { operatorToken } from './support/trash';

const settingsFields = `tenantId conflictPolicy dedupScope maxDevicesPerUser keepLastVersions
  trashRetentionDays partnerIdps { issuer audience jwksUrl jwks clockSkewSeconds }`;
const readSettings = `query($t: ID!) { tenantSettings(tenantId: $t) { ${settingsFields} } }`;
const updateSettings = `mutation($t: ID!, $i: TenantSettingsInput!) {
  updateTenantSettings(tenantId: $t, input: $i) { ${settingsFields} } }`;

interface Settings {
  tenantId: string;
  conflictPolicy: string;
  dedupScope: string;
  maxDevicesPerUser: number | null;
  keepLastVersions: number | null;
  trashRetentionDays: number;
  partnerIdps: Record<string, unknown>[];
}

describe('tenant settings', () => {
  let server: TestServer;
  let t: TenantFixture;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
    admin = await operatorToken(server, t.tenantId, 'TENANT_ADMIN');
    viewer = await operatorToken(server, t.tenantId, 'TENANT_VIEWER');
  });
  afterAll(() => server.stop());

  const settingsAs = async (token: string) =>
    (await gqlOk<{ tenantSettings: Settings }>(server.url, readSettings, { t: t.tenantId }, token))
      .tenantSettings;
  const update = (token: string, input: Record<string, unknown>) =>
    gql<{ updateTenantSettings: Settings }>(
      server.url,
      updateSettings,
      { t: t.tenantId, i: input },
      token,
    );

  it('starts with the defaults, readable by admins, viewers and platform admins', async () => {
    const expected = {
      tenantId: t.tenantId,
      conflictPolicy: 'KEEP_BOTH',
      dedupScope: 'USER',
      maxDevicesPerUser: null,
      keepLastVersions: null,
      trashRetentionDays: 30,
      partnerIdps: [],
    };
    for (const token of [admin, viewer, t.adminToken]) {
      expect(await settingsAs(token)).toEqual(expected);
    }
  });

  it('is changed by the tenant admin, field by field, and by a platform admin', async () => {
    const changed = await update(admin, {
      conflictPolicy: 'NEWEST_WINS',
      dedupScope: 'TENANT',
      maxDevicesPerUser: 3,
      keepLastVersions: 10,
      trashRetentionDays: 7,
    });
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.updateTenantSettings).toMatchObject({
      conflictPolicy: 'NEWEST_WINS',
      dedupScope: 'TENANT',
      maxDevicesPerUser: 3,
      keepLastVersions: 10,
      trashRetentionDays: 7,
    });

    // A field left out stays; an explicit null lifts a limit.
    const lifted = await update(t.adminToken, { maxDevicesPerUser: null, keepLastVersions: null });
    expect(lifted.data!.updateTenantSettings).toMatchObject({
      conflictPolicy: 'NEWEST_WINS',
      maxDevicesPerUser: null,
      keepLastVersions: null,
      trashRetentionDays: 7,
    });
    const { tenant } = await gqlOk<{ tenant: { conflictPolicy: string } }>(
      server.url,
      'query($t: ID!) { tenant(id: $t) { conflictPolicy } }',
      { t: t.tenantId },
      viewer,
    );
    expect(tenant.conflictPolicy).toBe('NEWEST_WINS');
  });

  it.each<[string, Record<string, unknown>]>([
    ['no setting at all', {}],
    ['maxDevicesPerUser 0', { maxDevicesPerUser: 0 }],
    ['maxDevicesPerUser -1', { maxDevicesPerUser: -1 }],
    ['maxDevicesPerUser above 10000', { maxDevicesPerUser: 10_001 }],
    ['keepLastVersions 0', { keepLastVersions: 0 }],
    ['keepLastVersions above 10000', { keepLastVersions: 10_001 }],
    ['trashRetentionDays 0', { trashRetentionDays: 0 }],
    ['trashRetentionDays above 3650', { trashRetentionDays: 3651 }],
    ['trashRetentionDays null', { trashRetentionDays: null }],
    ['conflictPolicy null', { conflictPolicy: null }],
    ['dedupScope null', { dedupScope: null }],
    ['an unknown dedupScope', { dedupScope: 'GLOBAL' }],
    ['an unknown conflictPolicy', { conflictPolicy: 'MERGE' }],
    ['a fraction', { keepLastVersions: 2.5 }],
    [
      'one bad value among good ones',
      { dedupScope: 'USER', maxDevicesPerUser: 5, keepLastVersions: 0 },
    ],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_, input) => {
    const before = await settingsAs(admin);
    const result = await update(admin, input);
    expect([errorCode(result), result.data]).toEqual(['BAD_USER_INPUT', null]);
    expect(await settingsAs(admin)).toEqual(before);
  });

  it('is read-only for viewers and API keys', async () => {
    const before = await settingsAs(admin);
    expect(errorCode(await update(viewer, { trashRetentionDays: 1 }))).toBe('FORBIDDEN');
    expect(errorCode(await update(t.apiKey, { trashRetentionDays: 1 }))).toBe('FORBIDDEN');
    expect(await settingsAs(admin)).toEqual(before);
  });

  it('shows viewers and API keys only the issuer of a partner identity provider', async () => {
    const key = await signingKey('ES256', 'k1');
    const registered = await registerIdp(server.url, admin, t.tenantId, {
      issuer: 'https://id.partner.example',
      audience: 'photos',
      jwks: JSON.stringify(jwksOf(key)),
      clockSkewSeconds: 45,
    });
    expect(registered.errors).toBeUndefined();
    const tenantReader = await createKey(server.url, admin, t.tenantId, ['TENANT_READ']);

    const full = (await settingsAs(admin)).partnerIdps;
    expect(full).toEqual([
      {
        issuer: 'https://id.partner.example',
        audience: 'photos',
        jwksUrl: null,
        jwks: expect.any(String) as unknown,
        clockSkewSeconds: 45,
      },
    ]);
    expect(JSON.parse(full[0]!.jwks as string)).toEqual(jwksOf(key));
    expect((await settingsAs(t.adminToken)).partnerIdps).toEqual(full);
    const issuerOnly = {
      issuer: 'https://id.partner.example',
      audience: null,
      jwksUrl: null,
      jwks: null,
      clockSkewSeconds: null,
    };
    expect((await settingsAs(viewer)).partnerIdps).toEqual([issuerOnly]);
    expect((await settingsAs(tenantReader.secret)).partnerIdps).toEqual([issuerOnly]);
  });
});
