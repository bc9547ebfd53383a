import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTenantFixture, fakeChunk } from './support/api';
import type { TenantFixture } from './support/api';
import { commitInput, commitOk, upload } from './support/library';
import type { TestServer } from './support/server';
import { startTestServer } from './support/server';

interface EventResult {
  data?: {
    fileEvents: {
      kind: string;
      userId: string;
      file: { path: string };
      version: { id: string; size: string };
    };
  };
  errors?: unknown[];
}

describe('fileEvents over graphql-ws', () => {
  let server: TestServer;
  let t: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenantFixture(server.url);
  });
  afterAll(() => server.stop());

  /** Subscribes and resolves with the first event (or error). */
  function firstEvent(token: string | undefined, userId?: string) {
    const client = createClient({
      url: server.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
    const subscription = client.iterate<EventResult['data']>({
      query: `subscription($u: ID) { fileEvents(userId: $u) {
        kind userId file { path } version { id size } } }`,
      variables: { u: userId ?? null },
    });
    const first: Promise<EventResult> = subscription.next().then(
      (step) => step.value as EventResult,
      (error: unknown): EventResult => ({ errors: [error] }),
    );
    return { first, close: () => client.dispose() };
  }

  it('delivers a commit to the device and to an operator naming the user', async () => {
    const device = firstEvent(t.deviceToken);
    const operator = firstEvent(t.adminToken, t.userId);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const chunk = fakeChunk();
    await upload(server.url, t.deviceToken, [chunk]);
    const outcome = await commitOk(
      server.url,
      t.deviceToken,
      commitInput('Live/event.txt', [chunk]),
    );

    for (const sub of [device, operator]) {
      const event = await sub.first;
      expect(event.data?.fileEvents).toEqual({
        kind: 'VERSION_COMMITTED',
        userId: t.userId,
        file: { path: 'Live/event.txt' },
        version: { id: outcome.version!.id, size: outcome.version!.size },
      });
      await sub.close();
    }
  });

  it('refuses a subscription without credentials', async () => {
    const anonymous = firstEvent(undefined);
    const event = await anonymous.first;
    expect(event.data).toBeUndefined();
    expect(JSON.stringify(event.errors)).toContain('UNAUTHENTICATED');
    await anonymous.close();
  });
});
