import { checkLibraryPath, Limits } from '@cairn/schema';
import type pg from 'pg';
import { inTransaction } from '../db/database';
import { AppError, BadInputError, ConflictError, NotFoundError } from '../errors';
import type { LibraryScope } from '../files/library.service';
import { PathShapes } from '../files/path-shapes';
import type { FileRow } from '../files/rows';
import { fileColumns } from '../files/rows';
import { checkId } from '../identity/ids';
import type { PageArgs } from '../identity/scoped-em';
import type { Logger } from '../logger';
import type { Purged } from './trash-writes';
import { writeDeletions, writeMoves, writePurge, writeRestores } from './trash-writes';

/** Whose files a call may change: one tenant (null: any, for platform admins), maybe one user. */
export interface TrashScope {
  tenantId: string | null;
  userId: string | null;
}

export interface FileOutcomeModel {
  fileId: string;
  file: FileRow | null;
  error: { code: string; message: string } | null;
}

type Locked = Map<string, FileRow>;

export interface MoveInput {
  fileId: string;
  toPath: string;
  ifHeadVersionId?: string | null;
}

/**
 * Changes to files that are not new content. Moves give a live file a new path, keeping its id
 * and versions. Trash: deletion keeps a file and its versions out of listings, restore brings
 * them back, emptying removes them for good. Every change takes the per-user lock commits take,
 * so a commit and a deletion of one path never interleave.
 */
export class TrashService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {}

  async list(scope: LibraryScope, page: PageArgs) {
    const { rows } = await this.pool.query<FileRow & { total: string }>(
      `select ${fileColumns}, count(*) over ()::text as total from file f
       where f.tenant_id = $1 and ($2::uuid is null or f.user_id = $2) and f.trashed_at is not null
       order by f.trashed_at desc, f.id offset $3 limit $4`,
      [scope.tenantId, scope.userId, page.offset, page.limit],
    );
    const total = rows[0] ? Number(rows[0].total) : await this.countTrash(scope);
    return { items: rows.map(({ total: _total, ...file }) => file), total };
  }

  private async countTrash(scope: LibraryScope): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `select count(*)::text as n from file where tenant_id = $1
       and ($2::uuid is null or user_id = $2) and trashed_at is not null`,
      [scope.tenantId, scope.userId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async delete(
    scope: TrashScope,
    deviceId: string | null,
    inputs: readonly { fileId: string; ifHeadVersionId?: string | null }[],
  ): Promise<FileOutcomeModel[]> {
    checkBatchSize(inputs.length);
    const ids = inputs.map((input) => idOrError(input.fileId));
    return this.inUserLocks(
      scope,
      inputs.map((input) => input.fileId),
      ids,
      async (client, files) => {
        const doomed = new Map<string, FileRow>();
        const results = inputs.map((input, i) => {
          const file = this.found(files, ids[i]!);
          if (file instanceof AppError) return file;
          const expected = input.ifHeadVersionId?.toLowerCase();
          if (expected && expected !== file.headId) {
            return new ConflictError(`${file.path} changed since version ${expected}`);
          }
          if (!file.trashedAt) doomed.set(file.id, file);
          return file.id;
        });
        await writeDeletions(client, deviceId, [...doomed.values()]);
        this.log.info({ files: doomed.size, deviceId }, 'files moved to trash');
        return results;
      },
    );
  }

  async move(scope: TrashScope, inputs: readonly MoveInput[]): Promise<FileOutcomeModel[]> {
    checkBatchSize(inputs.length);
    const ids = inputs.map((input) => idOrError(input.fileId));
    const targets = inputs.map((input) => checkedPath(input.toPath));
    const asked = inputs.map((input) => input.fileId);
    return this.inUserLocks(scope, asked, ids, async (client, files) => {
      const wanted = inputs.flatMap((_, i) => {
        const file = files.get(ids[i] as string);
        const target = targets[i]!;
        return file && !(target instanceof AppError) ? [{ ...target, userId: file.userId }] : [];
      });
      const taken = await livePaths(client, wanted);
      const shapes = await shapesByUser(client, files, wanted);
      const claimed = new Set<string>();
      const moves: { id: string; path: string; pathNfc: string }[] = [];
      const results = inputs.map((input, i) => {
        const file = this.found(files, ids[i]!);
        if (file instanceof AppError) return file;
        const target = targets[i]!;
        if (target instanceof AppError) return target;
        if (file.trashedAt) return new ConflictError(`${file.path} is in trash; restore it first`);
        const expected = input.ifHeadVersionId?.toLowerCase();
        if (expected && expected !== file.headId) {
          return new ConflictError(`${file.path} changed since version ${expected}`);
        }
        if (target.path === file.path) return file.id;
        const key = pathKey({ userId: file.userId, pathNfc: target.pathNfc });
        // Its own path in another form (case, Unicode normalisation) is the file's to take.
        const heldByOther = taken.has(key) && target.pathNfc !== file.pathNfc;
        if (heldByOther || claimed.has(key)) {
          return new ConflictError(`a live file already holds ${target.path}`);
        }
        try {
          shapes.get(file.userId)!.claim(target.pathNfc, target.path);
        } catch (error) {
          if (error instanceof AppError) return error;
          throw error;
        }
        claimed.add(key);
        moves.push({ id: file.id, ...target });
        return file.id;
      });
      await writeMoves(client, moves);
      this.log.info({ files: moves.length }, 'files moved');
      return results;
    });
  }

  async restore(
    scope: TrashScope,
    deviceId: string | null,
    fileIds: readonly string[],
  ): Promise<FileOutcomeModel[]> {
    checkBatchSize(fileIds.length);
    const ids = fileIds.map(idOrError);
    return this.inUserLocks(scope, fileIds, ids, async (client, files) => {
      const taken = await livePaths(client, [...files.values()]);
      const trashed = [...files.values()].filter((f) => f.trashedAt);
      const shapes = await shapesByUser(client, files, trashed);
      const restoring = new Map<string, { id: string; headId: string }>();
      const results = ids.map((id) => {
        const file = this.found(files, id);
        if (file instanceof AppError) return file;
        if (!file.trashedAt || restoring.has(file.id)) return file.id;
        const key = pathKey(file);
        if (taken.has(key) || !file.headId) {
          return new ConflictError(`a live file already holds ${file.path}`);
        }
        try {
          shapes.get(file.userId)!.claim(file.pathNfc, file.path);
        } catch (error) {
          if (error instanceof AppError) return error;
          throw error;
        }
        taken.add(key);
        restoring.set(file.id, { id: file.id, headId: file.headId });
        return file.id;
      });
      await writeRestores(client, deviceId, [...restoring.values()]);
      this.log.info({ files: restoring.size, deviceId }, 'files restored from trash');
      return results;
    });
  }

  /** The named files in trash, or all of `scope.userId`'s; any other name fails the call. */
  async empty(scope: TrashScope, fileIds: readonly string[] | null): Promise<Purged> {
    if (fileIds) checkBatchSize(fileIds.length);
    const ids = fileIds?.map((id) => checkId(id, 'fileId')) ?? null;
    if (!ids && !scope.userId) throw new BadInputError('name the user or the files to purge');
    const purged = await inTransaction(this.pool, async (client) => {
      const wanted = await trashedIds(client, scope, ids);
      await lockUsers(client, wanted.users);
      const files = await trashedIds(client, scope, ids, 'for update');
      const missing = ids?.find((id) => !files.ids.includes(id));
      if (missing) throw new NotFoundError('file in trash', missing);
      return writePurge(client, files.ids);
    });
    this.log.info({ ...purged, bytesReleased: purged.bytesReleased.toString() }, 'trash emptied');
    return purged;
  }

  /**
   * Locks the users owning the named files (in a fixed order, so two calls never deadlock),
   * hands `decide` the files as locked rows, then answers each item with the file as it ends.
   */
  private async inUserLocks(
    scope: TrashScope,
    asked: readonly string[],
    ids: (string | AppError)[],
    decide: (client: pg.PoolClient, files: Locked) => Promise<(string | AppError)[]>,
  ): Promise<FileOutcomeModel[]> {
    const valid = ids.filter((id): id is string => typeof id === 'string');
    const results = await inTransaction(this.pool, async (client) => {
      const owners = await selectFiles(client, scope, valid);
      await lockUsers(
        client,
        owners.map((f) => f.userId),
      );
      const locked = await selectFiles(client, scope, valid, 'for update');
      const decided = await decide(client, new Map(locked.map((f) => [f.id, f])));
      const after = await selectFiles(client, scope, valid);
      return { decided, after: new Map(after.map((f) => [f.id, f])) };
    });
    return results.decided.map((result, i) => {
      const fileId = asked[i]!;
      if (result instanceof AppError) {
        return { fileId, file: null, error: { code: result.code, message: result.message } };
      }
      return { fileId, file: results.after.get(result) ?? null, error: null };
    });
  }

  private found(files: Locked, id: string | AppError): FileRow | AppError {
    if (id instanceof AppError) return id;
    return files.get(id) ?? new NotFoundError('file', id);
  }
}

function checkBatchSize(n: number): void {
  if (n > Limits.maxFilesPerTrashCall) {
    throw new BadInputError(`a call names at most ${Limits.maxFilesPerTrashCall} files`);
  }
}

function idOrError(id: string): string | AppError {
  try {
    return checkId(id, 'fileId');
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

const pathKey = (file: { userId: string; pathNfc: string }) => `${file.userId}\0${file.pathNfc}`;

async function lockUsers(client: pg.PoolClient, userIds: string[]): Promise<void> {
  for (const userId of [...new Set(userIds)].sort()) {
    await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [userId]);
  }
}

async function selectFiles(
  client: pg.PoolClient,
  scope: TrashScope,
  ids: string[],
  lock: '' | 'for update' = '',
): Promise<FileRow[]> {
  const { rows } = await client.query<FileRow>(
    `select ${fileColumns} from file f where f.id = any($1::uuid[])
     and ($2::uuid is null or f.tenant_id = $2) and ($3::uuid is null or f.user_id = $3) ${lock}`,
    [ids, scope.tenantId, scope.userId],
  );
  return rows;
}

async function trashedIds(
  client: pg.PoolClient,
  scope: TrashScope,
  ids: string[] | null,
  lock: '' | 'for update' = '',
): Promise<{ ids: string[]; users: string[] }> {
  const { rows } = await client.query<{ id: string; user_id: string }>(
    `select id, user_id from file where trashed_at is not null
     and ($1::uuid[] is null or id = any($1::uuid[]))
     and ($2::uuid is null or tenant_id = $2) and ($3::uuid is null or user_id = $3) ${lock}`,
    [ids, scope.tenantId, scope.userId],
  );
  return { ids: rows.map((r) => r.id), users: rows.map((r) => r.user_id) };
}

/** The file-or-folder rules of each user whose files the call would put at these paths. */
async function shapesByUser(
  client: pg.PoolClient,
  files: Locked,
  paths: readonly { userId: string; pathNfc: string }[],
): Promise<Map<string, PathShapes>> {
  const shapes = new Map<string, PathShapes>();
  for (const userId of new Set(paths.map((p) => p.userId))) {
    const mine = paths.filter((p) => p.userId === userId).map((p) => p.pathNfc);
    const tenantId = [...files.values()].find((f) => f.userId === userId)!.tenantId;
    shapes.set(userId, await PathShapes.load(client, { tenantId, userId }, mine));
  }
  return shapes;
}

function checkedPath(path: string): { path: string; pathNfc: string } | AppError {
  const checked = checkLibraryPath(path);
  return checked.ok
    ? { path: checked.path, pathNfc: checked.normalized }
    : new AppError(checked.code, checked.reason);
}

/** Paths live files hold now, among the given ones. */
async function livePaths(
  client: pg.PoolClient,
  files: readonly { userId: string; pathNfc: string }[],
): Promise<Set<string>> {
  const { rows } = await client.query<{ userId: string; pathNfc: string }>(
    `select f.user_id as "userId", f.path_nfc as "pathNfc" from file f
     join unnest($1::uuid[], $2::text[]) as p(user_id, path_nfc)
       on f.user_id = p.user_id and f.path_nfc = p.path_nfc
     where f.trashed_at is null`,
    [files.map((f) => f.userId), files.map((f) => f.pathNfc)],
  );
  return new Set(rows.map(pathKey));
}
