import type { RaRecord } from 'react-admin';
import { HttpError } from 'react-admin';

import type { ConsoleClient } from '../apollo-client';
import type { ConflictPolicy, TenantStatus } from '../generated/operations';
import {
  CreateApiKeyDocument,
  CreateTenantDocument,
  RevokeApiKeyDocument,
  RevokeDeviceDocument,
  SetTenantStatusDocument,
} from '../generated/operations';
import { createOperator } from './operator-actions';
import type { Filter } from './readers';
import { text } from './readers';

/** What the console can revoke: a tenant's API key, or a user's device credential. */
export type RevocableResource = 'apiKeys' | 'devices';

const conflictPolicies: readonly ConflictPolicy[] = ['KEEP_BOTH', 'NEWEST_WINS'];
const tenantStatuses: readonly TenantStatus[] = ['ACTIVE', 'SUSPENDED', 'READ_ONLY'];

function required(data: Filter, key: string): string {
  const value = text(data, key);
  if (!value) throw new HttpError(`${key} is required`, 400, { code: 'BAD_USER_INPUT' });
  return value;
}

function conflictPolicy(data: Filter): ConflictPolicy | undefined {
  return conflictPolicies.find((policy) => policy === data.conflictPolicy);
}

/**
 * Creates a record. A new API key comes back once with its `secret`, a new operator with its
 * `temporaryPassword`; nothing stores either.
 */
export async function createRecord(
  client: ConsoleClient,
  resource: string,
  data: Filter,
): Promise<RaRecord> {
  switch (resource) {
    case 'tenants': {
      const input = { name: required(data, 'name'), conflictPolicy: conflictPolicy(data) };
      const result = await client.mutate({ mutation: CreateTenantDocument, variables: { input } });
      return answered(result.data).createTenant;
    }
    case 'apiKeys': {
      const variables = { tenantId: required(data, 'tenantId'), name: required(data, 'name') };
      const result = await client.mutate({ mutation: CreateApiKeyDocument, variables });
      const { apiKey, secret } = answered(result.data).createApiKey;
      return { ...apiKey, secret };
    }
    case 'operators':
      return createOperator(client, data);
    default:
      throw new HttpError(`${resource} cannot be created from the console`, 405);
  }
}

/** The one edit the console makes: a platform admin changes a tenant's status. */
export async function updateRecord(
  client: ConsoleClient,
  resource: string,
  id: string,
  data: Filter,
): Promise<RaRecord> {
  const status = tenantStatuses.find((value) => value === data.status);
  if (resource !== 'tenants') throw new HttpError(`${resource} cannot be edited`, 405);
  if (!status) throw new HttpError('status is required', 400, { code: 'BAD_USER_INPUT' });
  const variables = { id, status };
  const result = await client.mutate({ mutation: SetTenantStatusDocument, variables });
  return answered(result.data).setTenantStatus;
}

export async function revokeRecord(
  client: ConsoleClient,
  resource: RevocableResource,
  id: string,
): Promise<RaRecord> {
  switch (resource) {
    case 'apiKeys': {
      const result = await client.mutate({ mutation: RevokeApiKeyDocument, variables: { id } });
      return answered(result.data).revokeApiKey;
    }
    case 'devices': {
      const result = await client.mutate({ mutation: RevokeDeviceDocument, variables: { id } });
      return answered(result.data).revokeDevice;
    }
  }
}

function answered<T>(data: T | null | undefined): T {
  if (!data) throw new HttpError('The server answered no data', 500);
  return data;
}
