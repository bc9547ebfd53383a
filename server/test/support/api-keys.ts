import type { ApiKeyScope } from '@cairn/schema';
import { gql, gqlOk } from './api';

export const createKeyMutation = `mutation($t: ID!, $n: String!, $s: [ApiKeyScope!]!, $e: DateTime) {
  createApiKey(tenantId: $t, name: $n, scopes: $s, expiresAt: $e) {
    secret apiKey { id name prefix scopes expiresAt createdAt lastUsedAt revokedAt }
  }
}`;

export interface CreatedKey {
  secret: string;
  apiKey: {
    id: string;
    name: string;
    prefix: string | null;
    scopes: ApiKeyScope[] | null;
    expiresAt: string | null;
    lastUsedAt: string | null;
    revokedAt: string | null;
  };
}

/** A new API key of `tenantId` with `scopes`, made by an operator who may. */
export async function createKey(
  url: string,
  operatorToken: string,
  tenantId: string,
  scopes: readonly ApiKeyScope[],
  expiresAt: Date | null = null,
): Promise<CreatedKey> {
  const { createApiKey } = await gqlOk<{ createApiKey: CreatedKey }>(
    url,
    createKeyMutation,
    { t: tenantId, n: `key ${scopes.join(' ')}`, s: scopes, e: expiresAt?.toISOString() },
    operatorToken,
  );
  return createApiKey;
}

export function revokeKey(url: string, operatorToken: string, id: string) {
  return gql(url, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id }, operatorToken);
}

export const mintToken = (url: string, apiKey: string, externalId: string) =>
  gql<{ mintUserToken: { token: string; expiresAt: string; user: { id: string } } }>(
    url,
    'mutation($x: String!) { mintUserToken(externalId: $x) { token expiresAt user { id } } }',
    { x: externalId },
    apiKey,
  );
