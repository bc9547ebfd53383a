import { randomUUID } from 'node:crypto';
import { checkLibraryPath } from '@cairn/schema';
import type pg from 'pg';
import { AppError, ChunksMissingError, ChunkMismatchError, NotFoundError } from '../errors';
import type { CheckedCommit } from './commit-input';
import { conflictCopyPath } from './commit-input';
import type { CommitState, HeadInfo, Scope } from './commit-state';
import { loadFileByNfc } from './commit-state';
import type { FileRow } from './rows';

/** What one item of a batch resolved to, before the rows are read back. */
export type PlannedItem =
  | { kind: 'error'; error: AppError }
  | { kind: 'existing'; fileId: string; versionId: string; conflict: boolean }
  | { kind: 'new'; fileId: string; versionId: string; conflict: boolean };

interface FileState {
  file: FileRow;
  head: HeadInfo | null;
  isNew: boolean;
  addedVersions: number;
}

interface NewVersion {
  id: string;
  fileId: string;
  item: CheckedCommit;
  conflict: boolean;
}

/**
 * Resolves a batch of commits in memory against the locked state, then writes everything with
 * a few set-based statements. Items are planned in order, so two commits to one path in the
 * same batch behave like two requests.
 */
export class CommitPlan {
  private readonly files = new Map<string, FileState>();
  private readonly versions: NewVersion[] = [];
  private readonly refDeltas = new Map<string, number>();
  private storedBytesDelta = 0n;
  private readonly batchKeys = new Map<
    string,
    { fileId: string; versionId: string; conflict: boolean }
  >();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly scope: Scope & { deviceId: string; deviceName: string },
    private readonly state: CommitState,
    private readonly now: Date,
  ) {
    for (const file of state.filesByNfc.values()) {
      const head = file.headId ? (state.heads.get(file.headId) ?? null) : null;
      this.files.set(file.pathNfc, { file, head, isNew: false, addedVersions: 0 });
    }
  }

  async add(item: CheckedCommit): Promise<PlannedItem> {
    try {
      return await this.plan(item);
    } catch (error) {
      if (error instanceof AppError) return { kind: 'error', error };
      throw error;
    }
  }

  private async plan(item: CheckedCommit): Promise<PlannedItem> {
    const earlier = item.idempotencyKey
      ? this.state.byIdempotencyKey.get(item.idempotencyKey)
      : null;
    const inBatch = item.idempotencyKey ? this.batchKeys.get(item.idempotencyKey) : undefined;
    if (inBatch) return { kind: 'existing', ...inBatch };
    if (earlier) {
      return {
        kind: 'existing',
        fileId: earlier.fileId,
        versionId: earlier.id,
        conflict: earlier.conflict,
      };
    }
    this.checkChunks(item);
    if (item.baseVersionId && !this.state.baseVersionIds.has(item.baseVersionId)) {
      throw new NotFoundError('base version', item.baseVersionId);
    }

    const current = this.files.get(item.pathNfc);
    if (current?.head && current.file.headId && sameContent(current.head, item)) {
      // The library already holds this content here (e.g. a reinstalled app re-scanning).
      return {
        kind: 'existing',
        fileId: current.file.id,
        versionId: current.file.headId,
        conflict: false,
      };
    }
    const conflict = current !== undefined && current.file.headId !== item.baseVersionId;
    const target =
      !conflict || this.state.conflictPolicy === 'NEWEST_WINS'
        ? (current ?? this.newFile(item.path, item.pathNfc, item.deviceAssetId))
        : await this.conflictCopy(item);

    const version: NewVersion = { id: randomUUID(), fileId: target.file.id, item, conflict };
    this.versions.push(version);
    this.storedBytesDelta += item.size - (target.head?.size ?? 0n);
    target.head = { size: item.size, contentHash: item.contentHash };
    target.file.headId = version.id;
    target.file.deviceAssetId = item.deviceAssetId ?? target.file.deviceAssetId;
    target.addedVersions += 1;
    for (const chunk of item.chunks) {
      const rowId = this.state.chunks.get(chunk.id)!.rowId;
      this.refDeltas.set(rowId, (this.refDeltas.get(rowId) ?? 0) + 1);
    }
    const planned = { fileId: target.file.id, versionId: version.id, conflict };
    if (item.idempotencyKey) this.batchKeys.set(item.idempotencyKey, planned);
    return { kind: 'new', ...planned };
  }

  private checkChunks(item: CheckedCommit) {
    const missing = new Set<string>();
    for (const chunk of item.chunks) {
      const stored = this.state.chunks.get(chunk.id);
      if (!stored) missing.add(chunk.id);
      else if (stored.plainSize !== chunk.plainSize) {
        throw new ChunkMismatchError(
          `chunk ${chunk.id} is stored with plainSize ${stored.plainSize}, not ${chunk.plainSize}`,
        );
      }
    }
    if (missing.size > 0) throw new ChunksMissingError([...missing]);
  }

  private newFile(path: string, pathNfc: string, deviceAssetId: string | null): FileState {
    const file: FileRow = {
      id: randomUUID(),
      tenantId: this.scope.tenantId,
      userId: this.scope.userId,
      path,
      pathNfc,
      deviceAssetId,
      headId: null,
      versionCount: 0,
      createdAt: this.now,
      updatedAt: this.now,
    };
    const state = { file, head: null, isNew: true, addedVersions: 0 };
    this.files.set(pathNfc, state);
    return state;
  }

  private async conflictCopy(item: CheckedCommit): Promise<FileState> {
    const checked = checkLibraryPath(conflictCopyPath(item.path, this.scope.deviceName, this.now));
    if (!checked.ok) throw new AppError(checked.code, `conflict copy name: ${checked.reason}`);
    const known = this.files.get(checked.normalized);
    if (known) return known;
    const stored = await loadFileByNfc(this.client, this.scope, checked.normalized);
    if (stored) {
      const state = { ...stored, isNew: false, addedVersions: 0 };
      this.files.set(checked.normalized, state);
      return state;
    }
    return this.newFile(checked.path, checked.normalized, item.deviceAssetId);
  }

  /** Writes files, versions, chunk lists, reference counts and the user's bytes. */
  async write(): Promise<void> {
    if (this.versions.length === 0) return;
    const { tenantId, userId, deviceId } = this.scope;
    const created = [...this.files.values()].filter((f) => f.isNew && f.addedVersions > 0);
    await this.client.query(
      `insert into file (id, tenant_id, user_id, path, path_nfc, device_asset_id)
       select id, $1, $2, path, nfc, asset
       from unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) as t(id, path, nfc, asset)`,
      [
        tenantId,
        userId,
        ...columns(
          created.map((f) => [f.file.id, f.file.path, f.file.pathNfc, f.file.deviceAssetId]),
          4,
        ),
      ],
    );
    await this.client.query(
      `insert into version (id, tenant_id, user_id, file_id, size, content_hash, chunk_count,
         client_mtime, device_id, base_version_id, idempotency_key, conflict)
       select id, $1, $2, file_id, size, hash, n, mtime, $3, base, ikey, conflict
       from unnest($4::uuid[], $5::uuid[], $6::bigint[], $7::text[], $8::int[], $9::timestamptz[],
         $10::uuid[], $11::text[], $12::bool[]) with ordinality
         as t(id, file_id, size, hash, n, mtime, base, ikey, conflict, ord)
       order by ord`,
      [
        tenantId,
        userId,
        deviceId,
        ...columns(
          this.versions.map((v) => [
            v.id,
            v.fileId,
            v.item.size.toString(),
            v.item.contentHash,
            v.item.chunks.length,
            v.item.clientMtime?.toISOString() ?? null,
            v.item.baseVersionId,
            v.item.idempotencyKey,
            v.conflict,
          ]),
          9,
        ),
      ],
    );
    await this.writeChunkLists();
    await this.client.query(
      `update chunk c set ref_count = c.ref_count + d.n
       from unnest($2::uuid[], $3::bigint[]) as d(id, n) where c.id = d.id and c.tenant_id = $1`,
      [tenantId, [...this.refDeltas.keys()], [...this.refDeltas.values()]],
    );
    const touched = [...this.files.values()].filter((f) => f.addedVersions > 0);
    await this.client.query(
      `update file f set head_id = u.head, version_count = f.version_count + u.n,
         device_asset_id = u.asset, updated_at = now()
       from unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[]) as u(id, head, n, asset)
       where f.id = u.id and f.tenant_id = $1`,
      [
        tenantId,
        ...columns(
          touched.map((f) => [f.file.id, f.file.headId, f.addedVersions, f.file.deviceAssetId]),
          4,
        ),
      ],
    );
    await this.client.query(
      'update end_user set stored_bytes = stored_bytes + $3 where tenant_id = $1 and id = $2',
      [tenantId, userId, this.storedBytesDelta.toString()],
    );
  }

  private async writeChunkLists() {
    const rows: unknown[][] = [];
    for (const version of this.versions) {
      let offset = 0n;
      version.item.chunks.forEach((chunk, index) => {
        const rowId = this.state.chunks.get(chunk.id)!.rowId;
        rows.push([version.id, index, rowId, offset.toString(), chunk.plainSize.toString()]);
        offset += chunk.plainSize;
      });
    }
    // Bounded statements keep one huge version from building a giant parameter array.
    for (let start = 0; start < rows.length; start += 50_000) {
      await this.client.query(
        `insert into version_chunk (tenant_id, version_id, index, chunk_id, "offset", plain_size)
         select $1, * from unnest($2::uuid[], $3::int[], $4::uuid[], $5::bigint[], $6::bigint[])`,
        [this.scope.tenantId, ...columns(rows.slice(start, start + 50_000), 5)],
      );
    }
  }
}

function sameContent(head: HeadInfo, item: CheckedCommit): boolean {
  return head.contentHash === item.contentHash && head.size === item.size;
}

/** Row-major values to one array per column, for `unnest`. */
function columns(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}
