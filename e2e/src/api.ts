import { randomBytes } from 'node:crypto';

import type { RunningServer } from './harness';

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

export async function adminToken(server: RunningServer): Promise<string> {
  const data = await gql<{ login: { token: string } }>(
    server,
    `mutation ($email: String!, $password: String!) {
       login(email: $email, password: $password) { token } }`,
    { email: server.adminEmail, password: server.adminPassword },
  );
  return data.login.token;
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
