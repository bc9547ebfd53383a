import type { RaRecord } from 'react-admin';
import { HttpError } from 'react-admin';

import { apiKeyScopes } from '@cairn/schema';

import type { ConsoleClient } from '../apollo-client';
import type {
  ApiKeyScope,
  ConflictPolicy,
  DedupScope,
  TenantSettingsInput,
  TenantStatus,
} from '../generated/operations';
import {
  CreateApiKeyDocument,
  CreateTenantDocument,
  RegisterPartnerIdpDocument,
  RemovePartnerIdpDocument,
  RevokeApiKeyDocument,
  RevokeDeviceDocument,
  SetTenantStatusDocument,
  UpdateTenantSettingsDocument,
} from '../generated/operations';
import { createOperator } from './operator-actions';
import type { Filter } from './readers';
import { asSettingsRecord, text } from './readers';

/** What the console can revoke or remove: API keys, device credentials, identity providers. */
export type RevocableResource = 'apiKeys' | 'devices' | 'partnerIdps';

const conflictPolicies: readonly ConflictPolicy[] = ['KEEP_BOTH', 'NEWEST_WINS'];
const dedupScopes: readonly DedupScope[] = ['USER', 'TENANT'];
const tenantStatuses: readonly TenantStatus[] = ['ACTIVE', 'SUSPENDED', 'READ_ONLY'];

function required(data: Filter, key: string): string {
  const value = text(data, key);
  if (!value) throw new HttpError(`${key} is required`, 400, { code: 'BAD_USER_INPUT' });
  return value;
}

function conflictPolicy(data: Filter): ConflictPolicy | undefined {
  return conflictPolicies.find((policy) => policy === data.conflictPolicy);
}

function scopes(data: Filter): ApiKeyScope[] {
  const chosen = Array.isArray(data.scopes) ? (data.scopes as unknown[]) : [];
  return apiKeyScopes.filter((scope) => chosen.includes(scope));
}

/** A date-time input's local time as an ISO instant; empty is none. */
function instant(data: Filter, key: string): string | null {
  const value = text(data, key);
  return value ? new Date(value).toISOString() : null;
}

/** A number input's value; an emptied input is null ("no limit"), which the server accepts. */
function count(data: Filter, key: string): number | null {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The whole settings form; the server checks every value and answers which one is wrong. */
function settingsInput(data: Filter): TenantSettingsInput {
  return {
    conflictPolicy: conflictPolicy(data),
    dedupScope: dedupScopes.find((scope) => scope === data.dedupScope),
    maxDevicesPerUser: count(data, 'maxDevicesPerUser'),
    keepLastVersions: count(data, 'keepLastVersions'),
    trashRetentionDays: count(data, 'trashRetentionDays'),
  };
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
      const variables = {
        tenantId: required(data, 'tenantId'),
        name: required(data, 'name'),
        scopes: scopes(data),
        expiresAt: instant(data, 'expiresAt'),
      };
      const result = await client.mutate({ mutation: CreateApiKeyDocument, variables });
      const { apiKey, secret } = answered(result.data).createApiKey;
      return { ...apiKey, secret };
    }
    case 'partnerIdps': {
      const input = {
        issuer: required(data, 'issuer'),
        audience: required(data, 'audience'),
        jwksUrl: text(data, 'jwksUrl') ?? null,
        jwks: text(data, 'jwks') ?? null,
        clockSkewSeconds: count(data, 'clockSkewSeconds') ?? undefined,
      };
      const variables = { tenantId: required(data, 'tenantId'), input };
      const result = await client.mutate({ mutation: RegisterPartnerIdpDocument, variables });
      return answered(result.data).registerPartnerIdp;
    }
    case 'operators':
      return createOperator(client, data);
    default:
      throw new HttpError(`${resource} cannot be created from the console`, 405);
  }
}

/** The edits the console makes: a tenant's status (platform admins) and a tenant's settings. */
export async function updateRecord(
  client: ConsoleClient,
  resource: string,
  id: string,
  data: Filter,
): Promise<RaRecord> {
  switch (resource) {
    case 'tenants': {
      const status = tenantStatuses.find((value) => value === data.status);
      if (!status) throw new HttpError('status is required', 400, { code: 'BAD_USER_INPUT' });
      const variables = { id, status };
      const result = await client.mutate({ mutation: SetTenantStatusDocument, variables });
      return answered(result.data).setTenantStatus;
    }
    case 'tenantSettings': {
      const variables = { tenantId: id, input: settingsInput(data) };
      const result = await client.mutate({ mutation: UpdateTenantSettingsDocument, variables });
      return asSettingsRecord(answered(result.data).updateTenantSettings);
    }
    default:
      throw new HttpError(`${resource} cannot be edited`, 405);
  }
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
    case 'partnerIdps': {
      const result = await client.mutate({ mutation: RemovePartnerIdpDocument, variables: { id } });
      return answered(result.data).removePartnerIdp;
    }
  }
}

function answered<T>(data: T | null | undefined): T {
  if (!data) throw new HttpError('The server answered no data', 500);
  return data;
}
