import { loadConfig } from '../src/config';
import type { RateLimitConfig } from '../src/config';
import { createTenantFixture, fakeChunk, randomName } from './support/api';
import type { TenantFixture } from './support/api';
import { testAdmin } from './support/env';
import { bundleBody, prepare, putChunk, tokenOf } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

const budgets = (overrides: Partial<RateLimitConfig>): RateLimitConfig => ({
  ...loadConfig({}).rateLimits,
  ...overrides,
});

/** A raw GraphQL POST, keeping the headers the assertions need. */
async function call(url: string, query: string, token?: string, variables = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

/** Calls until refused; answers how many went through and the refusal. */
async function exhaust(url: string, query: string, token?: string, max = 50) {
  for (let passed = 0; passed < max; passed++) {
    const result = await call(url, query, token);
    if (result.status !== 200) return { passed, refusal: result };
  }
  throw new Error(`no refusal after ${max} calls`);
}

function expectLimited(refusal: Awaited<ReturnType<typeof call>>) {
  expect(refusal.status).toBe(429);
  const error = refusal.body.errors?.[0];
  expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
  const seconds = error?.extensions?.retryAfterSeconds;
  expect(typeof seconds).toBe('number');
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(60);
  expect(refusal.retryAfter).toBe(String(seconds));
}

describe('request budgets', () => {
  let server: TestServer;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer({
      rateLimits: budgets({
        graphqlPerCredential: 6,
        graphqlAnonymousPerIp: 6,
        dataPlanePerDevice: 3,
      }),
    });
    a = await createTenantFixture(server.url);
    b = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  it('counts GraphQL calls per API key', async () => {
    // The fixture spent one call of this key (mintUserToken).
    const { passed, refusal } = await exhaust(server.url, '{ viewer { kind } }', a.apiKey);
    expect(passed).toBe(5);
    expectLimited(refusal);
    expect((await call(server.url, '{ viewer { kind } }', b.apiKey)).status).toBe(200);
  });

  it('counts GraphQL calls per device', async () => {
    const { passed, refusal } = await exhaust(server.url, '{ viewer { kind } }', a.deviceToken);
    expect(passed).toBe(6);
    expectLimited(refusal);
    expect((await call(server.url, '{ viewer { kind } }', b.deviceToken)).status).toBe(200);
  });

  it('counts chunk requests per device, answering 429 with Retry-After', async () => {
    const chunks = [fakeChunk(), fakeChunk(), fakeChunk(), fakeChunk(), fakeChunk()];
    const targets = await prepare(server.url, b.deviceToken, chunks);
    const statuses: number[] = [];
    for (const [i, target] of targets.slice(0, 4).entries()) {
      statuses.push((await putChunk(server.url, target.url, chunks[i]!.body)).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);

    const refused = await fetch(new URL(targets[4]!.url, server.url), {
      method: 'PUT',
      body: chunks[4]!.body,
    });
    const body = (await refused.json()) as { code: string; retryAfterSeconds: number };
    expect(refused.status).toBe(429);
    expect(body.code).toBe('RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toBe(String(body.retryAfterSeconds));

    const bundle = await fetch(new URL('/v1/chunk-bundles', server.url), {
      method: 'POST',
      body: bundleBody([{ token: tokenOf(targets[4]!.url), bytes: chunks[4]!.body }]),
    });
    expect(bundle.status).toBe(429);
    expect(bundle.headers.get('retry-after')).toMatch(/^\d+$/);
    await bundle.body?.cancel();
    const stored = await server.services.pool.query('select 1 from chunk where hash = $1', [
      chunks[4]!.id,
    ]);
    expect(stored.rowCount).toBe(0);
  });

  it('counts calls without a credential per client IP', async () => {
    // The admin's one sign-in, which both fixtures share, was an anonymous call from this IP.
    const { passed, refusal } = await exhaust(server.url, '{ __typename }');
    expect(passed).toBe(5);
    expectLimited(refusal);
  });
});

describe('login budgets', () => {
  let server: TestServer;
  const login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
  const attempt = (email: string, password: string) =>
    call(server.url, login, undefined, { e: email, p: password });
  const codeOf = (result: Awaited<ReturnType<typeof call>>) =>
    result.body.errors?.[0]?.extensions?.code ?? 'OK';

  afterEach(() => server.stop());

  it('counts login attempts per client IP, whatever the email', async () => {
    server = await startTestServer({ rateLimits: budgets({ loginPerIp: 3 }) });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(codeOf(await attempt(`${randomName('x')}@a.test`, 'p')));
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
    expectLimited(await attempt(testAdmin.email, testAdmin.password));
  });

  describe('lockout', () => {
    const password = 'correct-horse-battery';
    let email: string;

    beforeEach(async () => {
      server = await startTestServer({
        rateLimits: budgets({ loginFailures: 3, loginLockoutSeconds: 2 }),
      });
      email = `${randomName('op')}@cairn.test`;
      await server.services.operators.create({
        email,
        password,
        role: 'PLATFORM_ADMIN',
        tenantId: null,
      });
    });

    it('locks an email after N failures, even against the right password, until it expires', async () => {
      for (let i = 0; i < 3; i++)
        expect(codeOf(await attempt(email, 'wrong-password'))).toBe('UNAUTHENTICATED');
      const locked = await attempt(email, password);
      expectLimited(locked);
      expect(locked.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(2);
      // Case and spaces do not make it another email.
      expect(codeOf(await attempt(` ${email.toUpperCase()} `, password))).toBe('RATE_LIMITED');

      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect(codeOf(await attempt(email, password))).toBe('OK');
    });

    it('resets the count on a successful login', async () => {
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 2; i++) await attempt(email, 'wrong-password');
        expect(codeOf(await attempt(email, password))).toBe('OK');
      }
    });

    it('answers an unknown email exactly as a known one, lockout included', async () => {
      const unknown = `${randomName('nobody')}@cairn.test`;
      for (let i = 0; i < 4; i++) {
        const known = await attempt(email, 'wrong-password');
        const other = await attempt(unknown, 'wrong-password');
        expect(other.status).toBe(known.status);
        expect(other.body.errors?.[0]?.message).toBe(known.body.errors?.[0]?.message);
        expect(codeOf(other)).toBe(codeOf(known));
      }
    });
  });
});
