import { randomBytes } from 'node:crypto';

import type { RunningServer } from './harness';
import type { AdminSession, Call } from './operator-sign-in';
import { enrolAdmin } from './operator-sign-in';

export class GraphQLCallError extends Error {
  constructor(
    readonly errors: { message: string; extensions?: { code?: string } }[],
    readonly codes = errors.map((error) => error.extensions?.code),
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? '?'}: ${error.message}`).join('; '));
  }
}

/** One GraphQL call over HTTP, as any integrator would make it. */
export async function gql<T>(
  server: { url: string },
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLCallError['errors'] };
  if (body.errors?.length) throw new GraphQLCallError(body.errors);
  if (!body.data) throw new Error(`no data in GraphQL answer (HTTP ${response.status})`);
  return body.data;
}

const adminSessions = new WeakMap<RunningServer, Promise<AdminSession>>();

/**
 * The server's first platform admin, enrolled in TOTP through the API on first use and kept
 * signed in: a second sign-in within the same 30 s would replay a TOTP time step.
 */
export function adminSession(server: RunningServer): Promise<AdminSession> {
  let session = adminSessions.get(server);
  if (!session) {
    const call: Call = (query, variables, token) => gql(server, query, variables, token);
    session = enrolAdmin(call, server.adminEmail, server.adminPassword);
    adminSessions.set(server, session);
  }
  return session;
}

export async function adminToken(server: RunningServer): Promise<string> {
  return (await adminSession(server)).token;
}

export interface TenantFixture {
  tenantId: string;
  tenantName: string;
  apiKey: string;
}

/**
 * A fresh tenant with an API key, made the way the README tells an operator to. The key may
 * create users, mint their tokens, and read and trash their files, as a partner backend's would.
 */
export async function createTenant(server: RunningServer, name?: string): Promise<TenantFixture> {
  const token = await adminToken(server);
  const tenantName = name ?? `tenant-${randomBytes(4).toString('hex')}`;
  const { createTenant } = await gql<{ createTenant: { id: string } }>(
    server,
    'mutation ($name: String!) { createTenant(input: { name: $name }) { id } }',
    { name: tenantName },
    token,
  );
  const { createApiKey } = await gql<{ createApiKey: { secret: string } }>(
    server,
    `mutation ($tenantId: ID!) {
       createApiKey(
         tenantId: $tenantId
         name: "e2e"
         scopes: [USERS_READ, USERS_WRITE, FILES_READ, FILES_WRITE]
       ) { secret }
     }`,
    { tenantId: createTenant.id },
    token,
  );
  return { tenantId: createTenant.id, tenantName, apiKey: createApiKey.secret };
}
