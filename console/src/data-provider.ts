import type { DataProvider, GetListResult, GetManyParams, Identifier, RaRecord } from 'react-admin';
import { HttpError } from 'react-admin';

import type { ConsoleClient } from './apollo-client';
import { toHttpError } from './api-error';
import type { Filter, ResourceReader } from './data/readers';
import { readers } from './data/readers';
import type { RevocableResource } from './data/writers';
import { createRecord, revokeRecord, updateRecord } from './data/writers';
import { deleteOperator, resetOperatorPassword, setOperatorEnabled } from './data/operator-actions';
import type { FileAction } from './data/trash-actions';
import { emptyTrash, fileAction } from './data/trash-actions';
import { RunScrubDocument } from './generated/operations';

/** react-admin's data provider plus the actions it has no verb for. */
export interface CairnDataProvider extends DataProvider {
  revoke(resource: RevocableResource, id: Identifier): Promise<{ data: RaRecord }>;
  runScrub(): Promise<{ jobId: string }>;
  fileAction(action: FileAction, id: Identifier): Promise<{ data: RaRecord }>;
  emptyTrash(userId: Identifier): Promise<{ filesPurged: number; bytesReleased: string }>;
  setOperatorEnabled(id: Identifier, enabled: boolean): Promise<{ data: RaRecord }>;
  resetOperatorPassword(id: Identifier, resetTotp: boolean): Promise<{ temporaryPassword: string }>;
}

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

const unsupported = (): Promise<never> =>
  Promise.reject(new HttpError('The console cannot do this to records', 405));

/**
 * A react-admin data provider over the typed GraphQL operations. The schema pages with
 * offset/limit and does not sort, so react-admin's sort parameter is ignored.
 */
export function createDataProvider(client: ConsoleClient): CairnDataProvider {
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
    create: async <R extends RaRecord>(resource: string, params: { data: Partial<R> }) => ({
      data: (await call(() => createRecord(client, resource, params.data as Filter))) as R,
    }),
    revoke: async (resource, id) => ({
      data: await call(() => revokeRecord(client, resource, String(id))),
    }),
    fileAction: async (action, id) => ({
      data: await call(() => fileAction(client, action, String(id))),
    }),
    setOperatorEnabled: async (id, enabled) => ({
      data: await call(() => setOperatorEnabled(client, String(id), enabled)),
    }),
    resetOperatorPassword: async (id, resetTotp) => ({
      temporaryPassword: await call(() => resetOperatorPassword(client, String(id), resetTotp)),
    }),
    emptyTrash: (userId) => call(() => emptyTrash(client, String(userId))),
    runScrub: () =>
      call(async () => {
        const result = await client.mutate({ mutation: RunScrubDocument });
        if (!result.data) throw new HttpError('The scrub could not be queued', 500);
        return result.data.runScrub;
      }),
    update: async <R extends RaRecord>(
      resource: string,
      params: { id: Identifier; data: Partial<R> },
    ) => ({
      data: (await call(() =>
        updateRecord(client, resource, String(params.id), params.data as Filter),
      )) as R,
    }),
    updateMany: unsupported,
    // Operators are the one resource the console deletes; files go to trash instead.
    delete: async <R extends RaRecord>(
      resource: string,
      params: { id: Identifier; previousData?: R },
    ) => {
      if (resource !== 'operators') return unsupported();
      const id = await call(() => deleteOperator(client, String(params.id)));
      return { data: params.previousData ?? ({ id } as unknown as R) };
    },
    deleteMany: unsupported,
  };
}
