import type pg from 'pg';
import type { CheckedCommit } from './commit-input';
import type { FileRow, VersionRow } from './rows';
import { fileColumns, versionColumns } from './rows';

export interface Scope {
  tenantId: string;
  userId: string;
}

export interface StoredChunk {
  rowId: string;
  plainSize: bigint;
}

export interface HeadInfo {
  size: bigint;
  contentHash: string;
}

/** A file in trash at a path the batch commits to, with the content it was deleted with. */
export interface TrashedFile extends HeadInfo {
  fileId: string;
  headId: string;
  deviceAssetId: string | null;
}

/** Everything a batch of commits needs to read, fetched in a handful of set-based queries. */
export interface CommitState {
  conflictPolicy: 'KEEP_BOTH' | 'NEWEST_WINS';
  byIdempotencyKey: Map<string, VersionRow>;
  chunks: Map<string, StoredChunk>;
  filesByNfc: Map<string, FileRow>;
  heads: Map<string, HeadInfo>;
  baseVersionIds: Set<string>;
  trashedByNfc: Map<string, TrashedFile[]>;
}

export async function loadCommitState(
  client: pg.PoolClient,
  scope: Scope,
  items: CheckedCommit[],
): Promise<CommitState> {
  const scopeArgs = [scope.tenantId, scope.userId];
  const keys = unique(items.map((item) => item.idempotencyKey));
  const hashes = unique(items.flatMap((item) => item.chunks.map((chunk) => chunk.id)));
  const paths = unique(items.map((item) => item.pathNfc));
  const bases = unique(items.map((item) => item.baseVersionId));

  const policy = await client.query<{ conflict_policy: CommitState['conflictPolicy'] }>(
    'select conflict_policy from tenant where id = $1',
    [scope.tenantId],
  );
  const idempotent = await client.query<VersionRow>(
    `select ${versionColumns} from version v
     where v.tenant_id = $1 and v.user_id = $2 and v.idempotency_key = any($3::text[])`,
    [...scopeArgs, keys],
  );
  // FOR SHARE keeps the garbage collector (FOR UPDATE SKIP LOCKED) off these rows until commit.
  const chunks = await client.query<{ id: string; hash: string; plain_size: string }>(
    `select id, hash, plain_size::text from chunk
     where tenant_id = $1 and user_id = $2 and hash = any($3::text[]) for share`,
    [...scopeArgs, hashes],
  );
  const files = await client.query<FileRow>(
    `select ${fileColumns} from file f
     where f.tenant_id = $1 and f.user_id = $2 and f.path_nfc = any($3::text[])
       and f.trashed_at is null for update`,
    [...scopeArgs, paths],
  );
  const trashed = await client.query<{
    file_id: string;
    path_nfc: string;
    device_asset_id: string | null;
    head_id: string;
    size: string;
    content_hash: string;
  }>(
    `select f.id as file_id, f.path_nfc, f.device_asset_id, h.id as head_id, h.size::text,
       h.content_hash
     from file f join version h on h.id = f.head_id
     where f.tenant_id = $1 and f.user_id = $2 and f.path_nfc = any($3::text[])
       and f.trashed_at is not null`,
    [...scopeArgs, paths],
  );
  const headIds = files.rows.flatMap((file) => (file.headId ? [file.headId] : []));
  const heads = await client.query<{ id: string; size: string; content_hash: string }>(
    `select id, size::text, content_hash from version
     where tenant_id = $1 and user_id = $2 and (id = any($3::uuid[]) or id = any($4::uuid[]))`,
    [...scopeArgs, headIds, bases],
  );

  return {
    conflictPolicy: policy.rows[0]?.conflict_policy ?? 'KEEP_BOTH',
    byIdempotencyKey: new Map(idempotent.rows.map((v) => [v.idempotencyKey!, v])),
    chunks: new Map(
      chunks.rows.map((c) => [c.hash, { rowId: c.id, plainSize: BigInt(c.plain_size) }]),
    ),
    filesByNfc: new Map(files.rows.map((f) => [f.pathNfc, f])),
    heads: new Map(
      heads.rows.map((h) => [h.id, { size: BigInt(h.size), contentHash: h.content_hash }]),
    ),
    baseVersionIds: new Set(heads.rows.map((h) => h.id).filter((id) => bases.includes(id))),
    trashedByNfc: groupTrashed(trashed.rows),
  };
}

/** A file the batch has not loaded yet (a conflict copy's path), locked like the others. */
export async function loadFileByNfc(
  client: pg.PoolClient,
  scope: Scope,
  pathNfc: string,
): Promise<{ file: FileRow; head: HeadInfo | null } | null> {
  const { rows } = await client.query<
    FileRow & { headSize: string | null; headHash: string | null }
  >(
    `select ${fileColumns}, h.size::text as "headSize", h.content_hash as "headHash"
     from file f left join version h on h.id = f.head_id
     where f.tenant_id = $1 and f.user_id = $2 and f.path_nfc = $3 and f.trashed_at is null
     for update of f`,
    [scope.tenantId, scope.userId, pathNfc],
  );
  const row = rows[0];
  if (!row) return null;
  const { headSize, headHash, ...file } = row;
  const head = headSize && headHash ? { size: BigInt(headSize), contentHash: headHash } : null;
  return { file, head };
}

export async function selectResults(
  client: pg.PoolClient,
  scope: Scope,
  fileIds: string[],
  versionIds: string[],
): Promise<{ files: Map<string, FileRow>; versions: Map<string, VersionRow> }> {
  const files = await client.query<FileRow>(
    `select ${fileColumns} from file f
     where f.tenant_id = $1 and f.user_id = $2 and f.id = any($3::uuid[])`,
    [scope.tenantId, scope.userId, unique(fileIds)],
  );
  const versions = await client.query<VersionRow>(
    `select ${versionColumns} from version v
     where v.tenant_id = $1 and v.user_id = $2 and v.id = any($3::uuid[])`,
    [scope.tenantId, scope.userId, unique(versionIds)],
  );
  return {
    files: new Map(files.rows.map((f) => [f.id, f])),
    versions: new Map(versions.rows.map((v) => [v.id, v])),
  };
}

function groupTrashed(
  rows: {
    file_id: string;
    path_nfc: string;
    device_asset_id: string | null;
    head_id: string;
    size: string;
    content_hash: string;
  }[],
): Map<string, TrashedFile[]> {
  const byPath = new Map<string, TrashedFile[]>();
  for (const row of rows) {
    const list = byPath.get(row.path_nfc) ?? [];
    list.push({
      fileId: row.file_id,
      headId: row.head_id,
      deviceAssetId: row.device_asset_id,
      size: BigInt(row.size),
      contentHash: row.content_hash,
    });
    byPath.set(row.path_nfc, list);
  }
  return byPath;
}

function unique<T>(values: (T | null)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null))];
}
