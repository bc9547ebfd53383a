import type pg from 'pg';
import type { NewVersion } from './commit-plan';
import type { FileRow } from './rows';

export interface WriteScope {
  tenantId: string;
  userId: string;
  deviceId: string;
}

export interface PlannedWrites {
  newFiles: FileRow[];
  touchedFiles: { file: FileRow; addedVersions: number }[];
  versions: NewVersion[];
  /** Chunk id (hash) to chunk row id. */
  chunkRowIds: Map<string, string>;
  /** Chunk row id to the references this batch adds. */
  refDeltas: Map<string, number>;
  storedBytesDelta: bigint;
}

/**
 * Writes a planned batch with one set-based statement per table (unnest of column arrays), so
 * the round trips do not grow with the number of files.
 */
export async function writeCommits(client: pg.PoolClient, scope: WriteScope, plan: PlannedWrites) {
  const { tenantId, userId, deviceId } = scope;
  await client.query(
    `insert into file (id, tenant_id, user_id, path, path_nfc, device_asset_id)
     select id, $1, $2, path, nfc, asset
     from unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) as t(id, path, nfc, asset)`,
    [
      tenantId,
      userId,
      ...columns(
        plan.newFiles.map((f) => [f.id, f.path, f.pathNfc, f.deviceAssetId]),
        4,
      ),
    ],
  );
  // The statement's time, taken under the user lock, keeps version times in seq order:
  // point-in-time reads compare against them.
  await client.query(
    `insert into version (id, tenant_id, user_id, file_id, size, content_hash, chunk_count,
       client_mtime, device_id, base_version_id, idempotency_key, conflict, created_at)
     select id, $1, $2, file_id, size, hash, n, mtime, $3, base, ikey, conflict,
       statement_timestamp()
     from unnest($4::uuid[], $5::uuid[], $6::bigint[], $7::text[], $8::int[], $9::timestamptz[],
       $10::uuid[], $11::text[], $12::bool[]) with ordinality
       as t(id, file_id, size, hash, n, mtime, base, ikey, conflict, ord)
     order by ord`,
    [
      tenantId,
      userId,
      deviceId,
      ...columns(
        plan.versions.map((v) => [
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
  await writeChunkLists(client, tenantId, plan);
  await client.query(
    `update chunk c set ref_count = c.ref_count + d.n
     from unnest($2::uuid[], $3::bigint[]) as d(id, n) where c.id = d.id and c.tenant_id = $1`,
    [tenantId, [...plan.refDeltas.keys()], [...plan.refDeltas.values()]],
  );
  await client.query(
    `update file f set head_id = u.head, version_count = f.version_count + u.n,
       device_asset_id = u.asset, updated_at = now()
     from unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[]) as u(id, head, n, asset)
     where f.id = u.id and f.tenant_id = $1`,
    [
      tenantId,
      ...columns(
        plan.touchedFiles.map(({ file, addedVersions }) => [
          file.id,
          file.headId,
          addedVersions,
          file.deviceAssetId,
        ]),
        4,
      ),
    ],
  );
  await client.query(
    'update end_user set stored_bytes = stored_bytes + $3 where tenant_id = $1 and id = $2',
    [tenantId, userId, plan.storedBytesDelta.toString()],
  );
}

async function writeChunkLists(client: pg.PoolClient, tenantId: string, plan: PlannedWrites) {
  const rows: unknown[][] = [];
  for (const version of plan.versions) {
    let offset = 0n;
    version.item.chunks.forEach((chunk, index) => {
      const rowId = plan.chunkRowIds.get(chunk.id)!;
      rows.push([version.id, index, rowId, offset.toString(), chunk.plainSize.toString()]);
      offset += chunk.plainSize;
    });
  }
  // Bounded statements keep one huge version from building a giant parameter array.
  for (let start = 0; start < rows.length; start += 50_000) {
    await client.query(
      `insert into version_chunk (tenant_id, version_id, index, chunk_id, "offset", plain_size)
       select $1, * from unnest($2::uuid[], $3::int[], $4::uuid[], $5::bigint[], $6::bigint[])`,
      [tenantId, ...columns(rows.slice(start, start + 50_000), 5)],
    );
  }
}

/** Row-major values to one array per column, for `unnest`. */
function columns(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}
