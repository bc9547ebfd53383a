import type { DataProvider, GetListResult, GetManyParams, Identifier, RaRecord } from 'react-admin';
import { HttpError } from 'react-admin';

import type { ConsoleClient } from './apollo-client';
import { toHttpError } from './api-error';
import {
  DeviceDocument,
  DevicesDocument,
  EndUserDocument,
  EndUsersDocument,
  FileDocument,
  FilesDocument,
  TenantDocument,
  TenantsDocument,
  VersionDocument,
  VersionsDocument,
} from './generated/operations';

type Filter = Record<string, unknown>;
type Page = { items: RaRecord[]; total: number };

/** How one resource is read: a page of a filtered list, and one record by id. */
interface ResourceReader {
  list(client: ConsoleClient, filter: Filter, offset: number, limit: number): Promise<Page>;
  one(client: ConsoleClient, id: string): Promise<RaRecord | null>;
}

const text = (filter: Filter, key: string): string | undefined => {
  const value = filter[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const readers: Record<string, ResourceReader> = {
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
      // An operator browses one user's library at a time; until one is picked there is no list.
      if (!userId) return { items: [], total: 0 };
      const variables = { userId, pathPrefix: text(filter, 'pathPrefix'), offset, limit };
      return (await client.query({ query: FilesDocument, variables })).data.files;
    },
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
};

function readerFor(resource: string): ResourceReader {
  const reader = readers[resource];
  if (!reader) throw new HttpError(`Unknown resource ${resource}`, 404);
  return reader;
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toHttpError(error);
  }
}

const readOnly = (): Promise<never> =>
  Promise.reject(new HttpError('The console is read-only for now', 405));

/**
 * A read-only react-admin data provider over the typed GraphQL operations. The schema pages
 * with offset/limit and does not sort, so react-admin's sort parameter is ignored.
 */
export function createDataProvider(client: ConsoleClient): DataProvider {
  const listPage = async <R extends RaRecord>(
    resource: string,
    filter: Filter,
    pagination: { page: number; perPage: number } | undefined,
  ): Promise<GetListResult<R>> => {
    const { page = 1, perPage = 25 } = pagination ?? {};
    const result = await call(() =>
      readerFor(resource).list(client, filter, (page - 1) * perPage, perPage),
    );
    return { data: result.items as R[], total: result.total };
  };

  const getOne = async <R extends RaRecord>(resource: string, id: Identifier): Promise<R> => {
    const record = await call(() => readerFor(resource).one(client, String(id)));
    if (!record) throw new HttpError(`No ${resource} record ${id}`, 404, { code: 'NOT_FOUND' });
    return record as R;
  };

  return {
    getList: (resource, params) => listPage(resource, params.filter as Filter, params.pagination),
    getManyReference: (resource, params) =>
      listPage(
        resource,
        { ...(params.filter as Filter), [params.target]: String(params.id) },
        params.pagination,
      ),
    getOne: async (resource, params) => ({ data: await getOne(resource, params.id) }),
    getMany: async <R extends RaRecord>(resource: string, params: GetManyParams<R>) => ({
      data: await Promise.all(params.ids.map((id) => getOne<R>(resource, id))),
    }),
    create: readOnly,
    update: readOnly,
    updateMany: readOnly,
    delete: readOnly,
    deleteMany: readOnly,
  };
}
