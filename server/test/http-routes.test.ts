import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

describe('health and console routes', () => {
  let server: TestServer;
  const dist = path.join(tmpdir(), `cairn-console-${process.pid}-${Date.now()}`);

  beforeAll(async () => {
    server = await startTestServer({ consoleDistDir: dist });
  });
  afterAll(() => server.stop());

  it('answers /healthz and /readyz with PostgreSQL, Redis and migrations checked', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { postgres: true, redis: true, migrations: true },
    });
  });

  it('says how to build the console when it is not built, then serves it with an SPA fallback', async () => {
    const missing = await fetch(`${server.url}/console/`);
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('console not built: run npm run build -w console');

    await mkdir(dist, { recursive: true });
    await writeFile(path.join(dist, 'index.html'), '<html>cairn console</html>');
    const deepLink = await fetch(`${server.url}/console/tenants/123`);
    expect([deepLink.status, await deepLink.text()]).toEqual([200, '<html>cairn console</html>']);
    expect((await fetch(`${server.url}/console/assets/missing.js`)).status).toBe(404);
  });

  it('echoes a request id', async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'req-42' } });
    expect(res.headers.get('x-request-id')).toBe('req-42');
  });
});
