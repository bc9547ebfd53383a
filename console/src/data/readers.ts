import type { RaRecord } from 'react-admin';

import type { ScrubFindingKind } from '../generated/operations';

import type { ConsoleClient } from '../apollo-client';
import {
  ApiKeysDocument,
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

/** The findings list's status filter: open (the default), resolved, or both. */
function resolvedFilter(filter: Filter): boolean | null {
  const status = text(filter, 'status') ?? 'open';
  return status === 'all' ? null : status === 'resolved';
}

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
