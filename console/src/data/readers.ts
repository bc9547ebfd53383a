import type { RaRecord } from 'react-admin';

import type { AuditActorKind, ScrubFindingKind } from '../generated/operations';

import type { ConsoleClient } from '../apollo-client';
import {
  ApiKeysDocument,
  AuditEventsDocument,
  DeviceDocument,
  DevicesDocument,
  EndUserDocument,
  EndUsersDocument,
  FileDocument,
  FilesDocument,
  OperatorDocument,
  OperatorsDocument,
  ScrubFindingsDocument,
  TenantDocument,
  TenantSettingsDocument,
  TenantsDocument,
  TrashDocument,
  VersionDocument,
  VersionsDocument,
} from '../generated/operations';
import { readSession } from '../session';

export type Filter = Record<string, unknown>;
type Page = { items: RaRecord[]; total: number };

/** How one resource is read: a page of a filtered list, and one record by id. */
export interface ResourceReader {
  list(client: ConsoleClient, filter: Filter, offset: number, limit: number): Promise<Page>;
  one(client: ConsoleClient, id: string): Promise<RaRecord | null>;
}

export const text = (filter: Filter, key: string): string | undefined => {
  const value = filter[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const findingKinds: readonly ScrubFindingKind[] = ['MISSING', 'CORRUPT', 'ORPHANED'];
const actorKinds: readonly AuditActorKind[] = [
  'OPERATOR',
  'API_KEY',
  'USER',
  'DEVICE',
  'ANONYMOUS',
];

/** A date filter as the API's DateTime; the inputs give local `yyyy-MM-ddThh:mm` strings. */
function instant(filter: Filter, key: string): string | undefined {
  const value = text(filter, key);
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** The findings list's status filter: open (the default), resolved, or both. */
function resolvedFilter(filter: Filter): boolean | null {
  const status = text(filter, 'status') ?? 'open';
  return status === 'all' ? null : status === 'resolved';
}

/** Settings are a record of their own, keyed by their tenant's id as react-admin wants an id. */
export const asSettingsRecord = <S extends { tenantId: string }>(settings: S) => ({
  ...settings,
  id: settings.tenantId,
});

export const readers: Record<string, ResourceReader> = {
  tenants: {
    list: async (client, _filter, offset, limit) =>
      (await client.query({ query: TenantsDocument, variables: { offset, limit } })).data.tenants,
    one: async (client, id) =>
      (await client.query({ query: TenantDocument, variables: { id } })).data.tenant,
  },
  endUsers: {
    list: async (client, filter, offset, limit) => {
      const variables = { tenantId: text(filter, 'tenantId'), offset, limit };
      return (await client.query({ query: EndUsersDocument, variables })).data.endUsers;
    },
    one: async (client, id) =>
      (await client.query({ query: EndUserDocument, variables: { id } })).data.endUser,
  },
  devices: {
    list: async (client, filter, offset, limit) => {
      const variables = {
        userId: text(filter, 'userId'),
        tenantId: text(filter, 'tenantId'),
        offset,
        limit,
      };
      return (await client.query({ query: DevicesDocument, variables })).data.devices;
    },
    one: async (client, id) =>
      (await client.query({ query: DeviceDocument, variables: { id } })).data.device,
  },
  files: {
    list: async (client, filter, offset, limit) => {
      const userId = text(filter, 'userId');
      // A tenant's operators may list its whole library; a platform admin names a user first.
      if (!userId && !readSession()?.operator.tenantId) return { items: [], total: 0 };
      const variables = { userId, pathPrefix: text(filter, 'pathPrefix'), offset, limit };
      return (await client.query({ query: FilesDocument, variables })).data.files;
    },
    one: async (client, id) =>
      (await client.query({ query: FileDocument, variables: { id } })).data.file,
  },
  trash: {
    list: async (client, filter, offset, limit) => {
      const userId = text(filter, 'userId');
      if (!userId) return { items: [], total: 0 };
      const variables = { userId, offset, limit };
      return (await client.query({ query: TrashDocument, variables })).data.trash;
    },
    // A trashed file opens as a file: the files resource reads any file by id.
    one: async (client, id) =>
      (await client.query({ query: FileDocument, variables: { id } })).data.file,
  },
  versions: {
    list: async (client, filter, offset, limit) => {
      const fileId = text(filter, 'fileId');
      if (!fileId) return { items: [], total: 0 };
      const variables = { fileId, offset, limit };
      return (await client.query({ query: VersionsDocument, variables })).data.versions;
    },
    one: async (client, id) =>
      (await client.query({ query: VersionDocument, variables: { id } })).data.version,
  },
  operators: {
    list: async (client, filter, offset, limit) => {
      const variables = { tenantId: text(filter, 'tenantId'), offset, limit };
      return (await client.query({ query: OperatorsDocument, variables })).data.operators;
    },
    one: async (client, id) =>
      (await client.query({ query: OperatorDocument, variables: { id } })).data.operator,
  },
  scrubFindings: {
    list: async (client, filter, offset, limit) => {
      const variables = {
        tenantId: text(filter, 'tenantId'),
        kind: findingKinds.find((kind) => kind === filter.kind),
        resolved: resolvedFilter(filter),
        offset,
        limit,
      };
      return (await client.query({ query: ScrubFindingsDocument, variables })).data.scrubFindings;
    },
    // Findings are only listed; each row already carries everything there is to show.
    one: () => Promise.resolve(null),
  },
  tenantSettings: {
    // One settings record per tenant, read from the tenant's page; there is no list.
    list: () => Promise.resolve({ items: [], total: 0 }),
    one: async (client, id) => {
      const { data } = await client.query({
        query: TenantSettingsDocument,
        variables: { tenantId: id },
      });
      return asSettingsRecord(data.tenantSettings);
    },
  },
  auditEvents: {
    list: async (client, filter, offset, limit) => {
      const variables = {
        tenantId: text(filter, 'tenantId'),
        actorKind: actorKinds.find((kind) => kind === filter.actorKind),
        actorId: text(filter, 'actorId')?.trim(),
        operation: text(filter, 'operation')?.trim(),
        targetId: text(filter, 'targetId')?.trim(),
        outcome: text(filter, 'outcome'),
        since: instant(filter, 'since'),
        until: instant(filter, 'until'),
        offset,
        limit,
      };
      return (await client.query({ query: AuditEventsDocument, variables })).data.auditEvents;
    },
    // Events are only listed; each row holds everything recorded.
    one: () => Promise.resolve(null),
  },
  apiKeys: {
    list: async (client, filter, offset, limit) => {
      const tenantId = text(filter, 'tenantId');
      if (!tenantId) return { items: [], total: 0 };
      const variables = { tenantId, offset, limit };
      return (await client.query({ query: ApiKeysDocument, variables })).data.apiKeys;
    },
    // The schema has no single-key query; a key is only ever shown in its tenant's list.
    one: () => Promise.resolve(null),
  },
};
