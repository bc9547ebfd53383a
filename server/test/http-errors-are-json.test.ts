import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

/** Clients parse `{code, message}`; an HTML page with a stack trace only leaks paths. */
describe('HTTP errors outside GraphQL resolvers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const post = async (body: string) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('answers malformed JSON with 400 BAD_USER_INPUT as JSON', async () => {
    const answer = await post('{"query": ');

    expect(answer.status).toBe(400);
    expect(answer.type).toMatch(/application\/json/);
    expect(JSON.parse(answer.text)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'request body is not valid JSON',
    });
  });

  it('answers an oversized body with 413 as JSON, without a stack trace', async () => {
    const answer = await post(JSON.stringify({ query: 'x'.repeat(65 * 1024 * 1024) }));

    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(answer.text).not.toContain('node_modules');
  });

  it('answers an unknown route with 404 NOT_FOUND as JSON', async () => {
    const res = await fetch(`${server.url}/v1/nothing-here`);

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'NOT_FOUND', message: 'no such route' });
  });
});
