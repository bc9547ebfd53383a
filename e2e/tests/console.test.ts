import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { sdkVersion } from '@cairn/mobile-sdk/src/core/version';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { Page } from 'playwright-core';

import type { TenantFixture } from '../src/api';
import { GraphQLCallError, adminToken, createTenant, gql } from '../src/api';
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

  it('signs the platform admin in and lists the tenant', async () => {
    await page.getByRole('textbox', { name: 'Password' }).fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();

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

  it('signs out when the server refuses the session token', async () => {
    const session = JSON.parse((await readPageStorage(page, 'cairn.session')) ?? '{}') as object;
    await writePageStorage(page, 'cairn.session', JSON.stringify({ ...session, token: 'forged' }));
    await page.reload();

    await page.getByLabel('Email').waitFor();
    expect(page.url()).toContain('#/login');
    expect(await readPageStorage(page, 'cairn.session')).toBeNull();
  });
});
