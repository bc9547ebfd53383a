import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('security headers on plain http', () => {
  let server: TestServer;
  const dist = path.join(tmpdir(), `cairn-console-headers-${process.pid}-${Date.now()}`);

  beforeAll(async () => {
    await mkdir(dist, { recursive: true });
    await writeFile(path.join(dist, 'index.html'), '<html>console</html>');
    server = await startTestServer({ consoleDistDir: dist });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dist, { recursive: true, force: true });
  });

  it.each(['/console/', '/healthz', '/no-such-route', '/v1/chunks/abc?token=x'])(
    '%s: nosniff, never framed, no referrer, a CSP, and no HSTS without TLS',
    async (route) => {
      const res = await fetch(`${server.url}${route}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-powered-by')).toBeNull();
    },
  );

  it('GraphQL answers carry the same headers but no CSP (Apollo serves its own landing page)', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBeNull();
  });
});
