import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { sdkVersion } from '@cairn/mobile-sdk/src/core/version';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { Page } from 'playwright-core';

import type { TenantFixture } from '../src/api';
import { GraphQLCallError, adminSession, adminToken, createTenant, gql } from '../src/api';
import type { BackupSummary } from '../src/cli';
import { runCli, runCliJson } from '../src/cli';
import type { ConsoleBrowser } from '../src/console-browser';
import {
  launchConsoleBrowser,
  maybeScreenshot,
  readPageStorage,
  writePageStorage,
} from '../src/console-browser';
import type { RunningServer } from '../src/harness';
import { startServer } from '../src/harness';
import { freshTotpCode } from '../src/operator-sign-in';

jest.setTimeout(5 * 60_000);

/** A small phone folder, sized to show bytes, KiB and MiB in the console. */
const phoneFiles: Record<string, Uint8Array | string> = {
  'Camera/IMG_0001.jpg': randomBytes(300_000),
  'Documents/report.pdf': randomBytes(1_572_864),
  'Notes/todo.txt': 'buy milk\n',
};

async function writePhone(root: string, files: Record<string, Uint8Array | string>) {
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), bytes);
  }
}

const rowWith = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

/** What a datetime-local input takes: the browser's local time, to the minute. */
function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await page.getByLabel('Email').waitFor();
}

/** Email and password, then the code the authenticator shows (a fresh step if `usedStep` is). */
async function signIn(page: Page, email: string, password: string, code: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Authenticator code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signInWithRecoveryCode(page: Page, email: string, password: string, code: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const loginMutation =
  'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

/** The status of a GraphQL call made with `token`, and its first error code. */
async function callWith(server: RunningServer, token: string) {
  try {
    await gql(server, '{ viewer { kind } }', {}, token);
    return 'OK';
  } catch (error) {
    return (error as { codes?: string[] }).codes?.[0];
  }
}

describe('the admin console in headless Chromium', () => {
  let server: RunningServer;
  let tenant: TenantFixture;
  let work: string;
  let phone: string;
  let home: string;
  let browser: ConsoleBrowser;
  let page: Page;
  /** The tenant made from the console, and its API key's one-time secret. */
  let acme: { name: string; secret: string };

  beforeAll(async () => {
    server = await startServer();
    work = await mkdtemp(join(tmpdir(), 'cairn-e2e-console-'));
    phone = join(work, 'Phone');
    home = join(work, 'home');
    await writePhone(phone, phoneFiles);

    tenant = await createTenant(server);
    const login = await runCli(
      [
        ...['login', '--server', server.url, '--api-key', tenant.apiKey],
        ...['--user', 'alice', '--device-name', 'alice-phone'],
      ],
      home,
    );
    expect(login).toMatchObject({ code: 0 });
    const first = await runCliJson<BackupSummary>(['backup', phone], home);
    expect(first).toMatchObject({ filesCommitted: 3, filesFailed: 0 });

    // A second version of one note, so its history has two entries.
    await writeFile(join(phone, 'Notes/todo.txt'), 'buy milk\nwater the plants\n');
    const second = await runCliJson<BackupSummary>(['backup', phone], home);
    expect(second).toMatchObject({ filesCommitted: 1, filesFailed: 0 });

    browser = await launchConsoleBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('refuses a wrong password and stays on the sign-in page', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('alert').waitFor();
    expect(page.url()).toContain('#/login');
    expect(await readPageStorage(page, 'cairn.session')).toBeNull();
  });

  it('asks the platform admin for a TOTP code after the password, refuses a wrong one, and lists the tenant', async () => {
    const admin = await adminSession(server);
    await page.getByRole('textbox', { name: 'Password' }).fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const { code, step } = await freshTotpCode(admin.totpSecret, admin.lastStep);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel('Authenticator code').fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await readPageStorage(page, 'cairn.session')).toBeNull();

    await page.getByLabel('Authenticator code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    admin.lastStep = step;
    await rowWith(page, tenant.tenantName).waitFor();
    await maybeScreenshot(page, 'tenants');
    expect(await rowWith(page, tenant.tenantName).textContent()).toContain('KEEP_BOTH');
  });

  it('opens the tenant and lists its users', async () => {
    await rowWith(page, tenant.tenantName).click();

    await page.getByText(`Tenant ${tenant.tenantName}`).waitFor();
    await rowWith(page, 'alice').waitFor();
    expect(page.url()).toContain(`#/tenants/${tenant.tenantId}/show`);
  });

  it("lists the user's backed-up files with their sizes, and filters them by path", async () => {
    await rowWith(page, 'alice').click();
    await page.getByText('User alice').waitFor();
    await rowWith(page, 'report.pdf').waitFor();
    await maybeScreenshot(page, 'user');

    // The CLI registered the device with the SDK's version as its app version.
    expect(await rowWith(page, 'alice-phone').textContent()).toContain(sdkVersion);
    expect(await rowWith(page, 'report.pdf').textContent()).toContain('1.5 MiB');
    expect(await rowWith(page, 'IMG_0001.jpg').textContent()).toContain('293.0 KiB');
    expect(await rowWith(page, 'todo.txt').textContent()).toContain('26 B');

    await page.getByLabel('Path starts with').fill('Phone/Notes');
    await rowWith(page, 'report.pdf').waitFor({ state: 'detached' });
    expect(await rowWith(page, 'todo.txt').count()).toBe(1);
    expect(await rowWith(page, 'IMG_0001.jpg').count()).toBe(0);
  });

  it('opens a file and shows its versions, newest content included', async () => {
    await rowWith(page, 'todo.txt').click();
    await page.getByText('File Phone/Notes/todo.txt').waitFor();
    await page.getByRole('columnheader', { name: 'Chunks' }).waitFor();
    await maybeScreenshot(page, 'file');

    const versionRows = page.locator('tbody tr');
    await versionRows.nth(1).waitFor();
    expect(await versionRows.count()).toBe(2);
    const rows = await versionRows.allTextContents();
    expect(rows.join('\n')).toContain('9 B');
    expect(rows.join('\n')).toContain('26 B');
  });

  it("revokes the user's device, after which the device is refused", async () => {
    const before = await runCli(['versions', 'Phone/Notes/todo.txt'], home);
    expect(before).toMatchObject({ code: 0 });

    await page.getByRole('link', { name: 'alice', exact: true }).click();
    await page.getByText('User alice').waitFor();
    await rowWith(page, 'alice-phone').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await rowWith(page, 'alice-phone').getByRole('button', { name: 'Revoke' }).waitFor({
      state: 'detached',
    });

    const after = await runCli(['versions', 'Phone/Notes/todo.txt'], home);
    expect(after.code).not.toBe(0);
    expect(after.stderr + after.stdout).toContain('UNAUTHENTICATED');
  });

  it("moves a file to trash from its page, lists it in the user's trash and restores it", async () => {
    await rowWith(page, 'todo.txt').first().click();
    await page.getByText('File Phone/Notes/todo.txt').waitFor();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('button', { name: 'Restore' }).waitFor();

    await page.getByRole('link', { name: 'alice', exact: true }).click();
    await page.getByText('User alice').waitFor();
    const trashed = rowWith(page, 'todo.txt').filter({
      has: page.getByRole('button', { name: 'Restore' }),
    });
    await trashed.waitFor();
    await maybeScreenshot(page, 'trash');
    expect(await rowWith(page, 'todo.txt').count()).toBe(1);

    await trashed.getByRole('button', { name: 'Restore' }).click();
    await trashed.waitFor({ state: 'detached' });
    await rowWith(page, 'todo.txt').waitFor();
    expect(await page.getByRole('button', { name: 'Restore' }).count()).toBe(0);
  });

  it('creates a tenant (refusing a taken name) and an API key whose one-time secret signs a device in', async () => {
    const name = `Acme Photos ${randomBytes(3).toString('hex')}`;
    await page.getByRole('menuitem', { name: 'Tenants' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByLabel('Name').fill(tenant.tenantName);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
    expect(page.url()).toContain('#/tenants/create');

    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`Tenant ${name}`).waitFor();

    await page.getByRole('link', { name: 'New API key' }).click();
    await page.getByLabel('Name').fill('backend');
    await page.getByRole('checkbox', { name: 'users:write' }).check();
    await page.getByRole('checkbox', { name: 'files:read' }).check();
    const expiry = new Date(Date.now() + 30 * 24 * 3600_000);
    await page.getByLabel('Expires').fill(localDateTime(expiry));
    await page.getByRole('button', { name: 'Save' }).click();
    const secret = page.getByText(/^ck_/);
    await secret.waitFor();
    await maybeScreenshot(page, 'api-key');
    expect(await page.getByText('users:write, files:read').count()).toBe(1);

    acme = { name, secret: (await secret.textContent()) ?? '' };
    const login = await runCli(
      ['login', '--server', server.url, '--api-key', acme.secret, '--user', 'bob'],
      join(work, 'bob'),
    );
    expect(login).toMatchObject({ code: 0 });

    await page.getByRole('link', { name: 'Done' }).click();
    await rowWith(page, 'backend').waitFor();
    await rowWith(page, 'bob').waitFor();
    const keyRow = await rowWith(page, 'backend').textContent();
    expect(keyRow).toContain('users:write, files:read');
    expect(keyRow).toContain(String(expiry.getFullYear()));

    // The refused attempt left nothing behind: the fixture's tenant and the new one.
    await page.getByRole('menuitem', { name: 'Tenants' }).click();
    await rowWith(page, name).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);
  });

  it('revokes the API key, after which the key and the user tokens it minted are refused', async () => {
    const mint = 'mutation { mintUserToken(externalId: "bob") { token } }';
    const { mintUserToken } = await gql<{ mintUserToken: { token: string } }>(
      server,
      mint,
      {},
      acme.secret,
    );
    const viewer = '{ viewer { kind } }';
    expect(await gql(server, viewer, {}, mintUserToken.token)).toEqual({
      viewer: { kind: 'USER' },
    });

    await rowWith(page, acme.name).click();
    await page.getByText(`Tenant ${acme.name}`).waitFor();
    await rowWith(page, 'backend').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    // The notice follows the server's answer; the button alone can vanish while the list reloads.
    await page.getByText('API key revoked').waitFor();
    await rowWith(page, 'backend').getByRole('button', { name: 'Revoke' }).waitFor({
      state: 'detached',
    });

    const refusal = (call: Promise<unknown>) =>
      call.then(
        () => 'accepted',
        (error: unknown) => (error instanceof GraphQLCallError ? error.codes[0] : error),
      );
    expect(await refusal(gql(server, mint, {}, acme.secret))).toBe('UNAUTHENTICATED');
    expect(await refusal(gql(server, viewer, {}, mintUserToken.token))).toBe('UNAUTHENTICATED');
    await page.getByRole('menuitem', { name: 'Tenants' }).click();
  });

  it("edits a tenant's settings and registers a partner identity provider users sign in with", async () => {
    await page.getByRole('menuitem', { name: 'Tenants' }).click();
    await rowWith(page, tenant.tenantName).click();
    await page.getByText(`Tenant ${tenant.tenantName}`).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('Tenant settings').first().waitFor();
    await page.getByText('no limit').waitFor();

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Devices per user').fill('2');
    await page.getByLabel('Days in trash').fill('14');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Register identity provider' }).waitFor();
    await maybeScreenshot(page, 'tenant-settings');

    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'console-1', alg: 'ES256' }] };
    await page.getByRole('link', { name: 'Register identity provider' }).click();
    await page.getByLabel('Issuer').fill('https://id.console.example');
    await page.getByLabel('Audience').fill('photos-app');
    await page.getByLabel('JWKS document').fill(JSON.stringify(jwks));
    await page.getByRole('button', { name: 'Save' }).click();
    await rowWith(page, 'https://id.console.example').waitFor();
    expect(await rowWith(page, 'https://id.console.example').textContent()).toContain(
      'inline key set',
    );

    const { tenantSettings } = await gql<{
      tenantSettings: { maxDevicesPerUser: number; trashRetentionDays: number };
    }>(
      server,
      'query($t: ID!) { tenantSettings(tenantId: $t) { maxDevicesPerUser trashRetentionDays } }',
      { t: tenant.tenantId },
      await adminToken(server),
    );
    expect(tenantSettings).toEqual({ maxDevicesPerUser: 2, trashRetentionDays: 14 });
    const partnerToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'console-1' })
      .setIssuer('https://id.console.example')
      .setAudience('photos-app')
      .setSubject('dora')
      .setExpirationTime('5m')
      .sign(privateKey);
    const { signInWithPartnerToken } = await gql<{
      signInWithPartnerToken: { user: { externalId: string } };
    }>(
      server,
      `mutation($t: ID!, $jwt: String!) {
         signInWithPartnerToken(tenantId: $t, token: $jwt) { user { externalId } } }`,
      { t: tenant.tenantId, jwt: partnerToken },
    );
    expect(signInWithPartnerToken.user.externalId).toBe('dora');
    await page.getByRole('menuitem', { name: 'Tenants' }).click();
  });

  it("makes a tenant read-only, after which its API key's writes are refused", async () => {
    await rowWith(page, tenant.tenantName).click();
    await page.getByText(`Tenant ${tenant.tenantName}`).waitFor();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: /^Read-only/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('READ_ONLY').waitFor();
    expect(page.url()).toContain(`#/tenants/${tenant.tenantId}/show`);

    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: JSON.stringify({ query: 'mutation { upsertEndUser(externalId: "carol") { id } }' }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists the audit log and filters it by operation, target and actor', async () => {
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    const statusChange = rowWith(page, 'setTenantStatus').filter({ hasText: tenant.tenantName });
    await statusChange.waitFor();
    expect(await statusChange.first().textContent()).toContain('OPERATOR');

    await page.getByLabel('Operation').fill('upsertEndUser');
    await statusChange.first().waitFor({ state: 'detached' });
    const refused = rowWith(page, 'FORBIDDEN');
    await refused.first().waitFor();
    expect(await refused.first().textContent()).toContain('API_KEY');
    await maybeScreenshot(page, 'audit-log');

    // The refused write named no record; the status change named the tenant.
    await page.getByLabel('Operation').fill('');
    await page.getByLabel('Target id').fill(tenant.tenantId);
    await statusChange.first().waitFor();
    await refused.first().waitFor({ state: 'detached' });

    // Half an id is refused in the form and changes nothing on the page.
    await page.getByLabel('Actor id').fill(tenant.tenantId.slice(0, 8));
    await page.locator('input[aria-invalid="true"]').waitFor();
    await page.waitForTimeout(1000);
    await maybeScreenshot(page, 'audit-log-bad-actor-id');
    expect(await page.getByLabel('Actor id').getAttribute('aria-invalid')).toBe('true');
    expect(await statusChange.count()).toBeGreaterThan(0);
    expect(await page.getByRole('alert').filter({ hasText: 'BAD_USER_INPUT' }).count()).toBe(0);
  });

  it('lists the operators, the platform admin among them', async () => {
    await page.getByRole('menuitem', { name: 'Operators' }).click();
    await rowWith(page, server.adminEmail).waitFor();
    const admin = await rowWith(page, server.adminEmail).textContent();
    expect(admin).toContain('PLATFORM_ADMIN');
    expect(admin).toContain('all tenants');
  });

  const second = {
    email: `second-admin-${randomBytes(3).toString('hex')}@cairn.test`,
    password: '',
  };
  let secondTotp = { secret: '', lastStep: 0 };
  let secondRecoveryCodes: string[] = [];

  it('creates a platform admin whose first sign-in chooses a password and enrols TOTP from a QR code', async () => {
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByLabel('Email').fill(second.email);
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: /^Platform admin/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    const temporary = page.locator('.ra-field-temporaryPassword').getByText(/^[A-Za-z0-9_-]{22}$/);
    await temporary.waitFor();
    const temporaryPassword = (await temporary.textContent()) ?? '';
    expect(temporaryPassword.length).toBeGreaterThan(11);
    await page.getByRole('link', { name: 'Done' }).click();
    await rowWith(page, second.email).waitFor();
    await signOut(page);

    await page.getByLabel('Email').fill(second.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(temporaryPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    second.password = `own-${randomBytes(9).toString('hex')}`;
    await page.getByLabel('Current password').fill(temporaryPassword);
    await page.getByLabel('New password').fill(second.password);
    await page.getByRole('button', { name: 'Change password' }).click();

    await page.getByRole('img', { name: 'QR code for the authenticator app' }).waitFor();
    await maybeScreenshot(page, 'totp-enrolment');
    const secret = (await page.getByText(/^[A-Z2-7]{32}$/).textContent()) ?? '';
    const { code, step } = await freshTotpCode(secret, null);
    await page.getByLabel('Code from the app').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    secondTotp = { secret, lastStep: step };

    const recoveryCodes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await recoveryCodes.first().waitFor();
    expect(await recoveryCodes.count()).toBe(10);
    secondRecoveryCodes = await recoveryCodes.allTextContents();
    await page.getByRole('button', { name: 'I have stored them, continue' }).click();
    await rowWith(page, tenant.tenantName).waitFor();
  });

  it('signs out, after which the old access token is refused, and signs in with a fresh TOTP code', async () => {
    const session = JSON.parse((await readPageStorage(page, 'cairn.session')) ?? '{}') as {
      token?: string;
    };
    expect(await callWith(server, session.token ?? '')).toBe('OK');
    await signOut(page);
    expect(await readPageStorage(page, 'cairn.session')).toBeNull();
    expect(await callWith(server, session.token ?? '')).toBe('UNAUTHENTICATED');

    const { code, step } = await freshTotpCode(secondTotp.secret, secondTotp.lastStep);
    await signIn(page, second.email, second.password, code);
    secondTotp.lastStep = step;
    await rowWith(page, tenant.tenantName).waitFor();
  });

  it('signs in once with each recovery code, refusing one already spent', async () => {
    const [first, next] = secondRecoveryCodes;
    await signOut(page);
    await signInWithRecoveryCode(page, second.email, second.password, first ?? '');
    await rowWith(page, tenant.tenantName).waitFor();

    await signOut(page);
    await signInWithRecoveryCode(page, second.email, second.password, first ?? '');
    await page.getByRole('alert').filter({ hasText: 'wrong TOTP or recovery code' }).waitFor();
    expect(await readPageStorage(page, 'cairn.session')).toBeNull();

    await page.getByLabel('Recovery code').fill(next ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await rowWith(page, tenant.tenantName).waitFor();
  });

  it('disables an operator, ending its sessions, and enables it again', async () => {
    const admin = await adminSession(server);
    expect(await callWith(server, admin.token)).toBe('OK');
    await page.getByRole('menuitem', { name: 'Operators' }).click();
    await rowWith(page, server.adminEmail).getByRole('button', { name: 'Disable' }).click();
    await rowWith(page, server.adminEmail).getByRole('button', { name: 'Enable' }).waitFor();
    expect(await callWith(server, admin.token)).toBe('UNAUTHENTICATED');

    await rowWith(page, server.adminEmail).getByRole('button', { name: 'Enable' }).click();
    await rowWith(page, server.adminEmail).getByRole('button', { name: 'Disable' }).waitFor();
    // The signed-in operator cannot disable or delete themself.
    expect(await rowWith(page, second.email).getByRole('button').count()).toBe(0);
  });

  let bootstrapPassword = '';

  it("resets an operator's password: sessions end and only the temporary password signs in", async () => {
    const admin = await adminSession(server);
    const row = rowWith(page, server.adminEmail);
    await row.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    bootstrapPassword = (await row.getByLabel('Temporary password').textContent()) ?? '';
    expect(bootstrapPassword.length).toBeGreaterThan(11);
    expect(await callWith(server, admin.token)).toBe('UNAUTHENTICATED');

    const reasonOf = (password: string) =>
      gql(server, loginMutation, { e: server.adminEmail, p: password }).catch(
        (error: GraphQLCallError) => error.errors[0]?.message,
      );
    expect(await reasonOf(server.adminPassword)).toBe('wrong email or password');
    // The right password, then the TOTP code it still asks for: the authenticator stayed.
    expect(await reasonOf(bootstrapPassword)).toBe('a TOTP code or a recovery code is required');
  });

  it('deletes an operator for good', async () => {
    const admin = await adminSession(server);
    await rowWith(page, server.adminEmail).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await rowWith(page, server.adminEmail).waitFor({ state: 'detached' });
    await rowWith(page, second.email).waitFor();

    expect(await callWith(server, admin.token)).toBe('UNAUTHENTICATED');
    const signIn = gql(server, loginMutation, { e: server.adminEmail, p: bootstrapPassword });
    await expect(signIn).rejects.toMatchObject({ codes: ['UNAUTHENTICATED'] });
  });

  it('lists what a scrub run finds, queued from the console', async () => {
    // An object no chunk row names, written two days ago, in alice's folder of the store.
    const tenantDir = join(server.dataDir, 'blobs', tenant.tenantId);
    const [userId] = await readdir(tenantDir);
    const checksum = `ab${randomBytes(31).toString('hex')}`;
    const orphan = join(tenantDir, userId!, 'ab', checksum);
    await mkdir(dirname(orphan), { recursive: true });
    await writeFile(orphan, randomBytes(1000));
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    await utimes(orphan, twoDaysAgo, twoDaysAgo);

    await page.getByRole('menuitem', { name: 'Scrub findings' }).click();
    await page.getByRole('button', { name: 'Run scrub now' }).click();
    await page.getByText('Scrub queued').waitFor();
    const deadline = Date.now() + 60_000;
    while ((await rowWith(page, checksum).count()) === 0 && Date.now() < deadline) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
    }
    const row = await rowWith(page, checksum).textContent();
    expect(row).toContain('ORPHANED');
    expect(row).toContain(tenant.tenantName);
    expect(row).toContain('alice');
    await maybeScreenshot(page, 'scrub-findings');
  });

  it('renews a refused access token with the refresh token and stays signed in', async () => {
    const session = JSON.parse((await readPageStorage(page, 'cairn.session')) ?? '{}') as object;
    await writePageStorage(page, 'cairn.session', JSON.stringify({ ...session, token: 'forged' }));
    await page.reload();

    await page.getByRole('menuitem', { name: 'Tenants' }).click();
    await rowWith(page, tenant.tenantName).waitFor();
    const renewed = JSON.parse((await readPageStorage(page, 'cairn.session')) ?? '{}') as {
      token?: string;
    };
    expect(renewed.token).toBeDefined();
    expect(renewed.token).not.toBe('forged');
  });

  it('signs out when the server refuses both the access and the refresh token', async () => {
    const session = JSON.parse((await readPageStorage(page, 'cairn.session')) ?? '{}') as object;
    await writePageStorage(
      page,
      'cairn.session',
      JSON.stringify({ ...session, token: 'forged', refreshToken: 'forged-too' }),
    );
    await page.reload();

    await page.getByLabel('Email').waitFor();
    expect(page.url()).toContain('#/login');
    expect(await readPageStorage(page, 'cairn.session')).toBeNull();
  });
});
