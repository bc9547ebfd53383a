import type pg from 'pg';

/**
 * The set-based statements behind trash. Each takes ids already locked and checked by the
 * caller, inside its transaction; versions get the statement's time, taken after the user
 * lock, so version times follow the server's order.
 */

/** Writes a tombstone version per file and moves the files to trash. */
export async function writeDeletions(
  client: pg.PoolClient,
  deviceId: string | null,
  files: { id: string; headId: string | null }[],
): Promise<void> {
  if (files.length === 0) return;
  const ids = files.map((f) => f.id);
  await client.query(
    `insert into version (id, tenant_id, user_id, file_id, size, content_hash, chunk_count,
       device_id, base_version_id, deleted, created_at)
     select gen_random_uuid(), f.tenant_id, f.user_id, f.id, 0, '', 0, $2, f.head_id, true,
       statement_timestamp()
     from unnest($1::uuid[]) with ordinality as t(id, ord) join file f on f.id = t.id
     order by t.ord`,
    [ids, deviceId],
  );
  await client.query(
    `update file set trashed_at = statement_timestamp(), updated_at = statement_timestamp(),
       version_count = version_count + 1
     where id = any($1::uuid[])`,
    [ids],
  );
}

/**
 * Brings files back: a new head that repeats the content of the head they were deleted with,
 * so the library's history reads delete-then-restore. The copy references the same chunks.
 */
/** New paths for live files; versions, chunks and counts stay as they are. */
export async function writeMoves(
  client: pg.PoolClient,
  moves: readonly { id: string; path: string; pathNfc: string }[],
): Promise<void> {
  if (moves.length === 0) return;
  await client.query(
    `update file f set path = m.path, path_nfc = m.nfc, updated_at = statement_timestamp()
     from unnest($1::uuid[], $2::text[], $3::text[]) as m(id, path, nfc) where f.id = m.id`,
    [moves.map((m) => m.id), moves.map((m) => m.path), moves.map((m) => m.pathNfc)],
  );
}

export async function writeRestores(
  client: pg.PoolClient,
  deviceId: string | null,
  files: { id: string; headId: string }[],
): Promise<void> {
  if (files.length === 0) return;
  const { rows } = await client.query<{ id: string; file_id: string }>(
    `insert into version (id, tenant_id, user_id, file_id, size, content_hash, chunk_count,
       client_mtime, device_id, base_version_id, created_at)
     select gen_random_uuid(), h.tenant_id, h.user_id, h.file_id, h.size, h.content_hash,
       h.chunk_count, h.client_mtime, $2, h.id, statement_timestamp()
     from unnest($1::uuid[]) with ordinality as t(head, ord) join version h on h.id = t.head
     order by t.ord
     returning id, file_id`,
    [files.map((f) => f.headId), deviceId],
  );
  const copies = rows.map((r) => r.id);
  await client.query(
    `insert into version_chunk (tenant_id, version_id, index, chunk_id, "offset", plain_size)
     select vc.tenant_id, v.id, vc.index, vc.chunk_id, vc."offset", vc.plain_size
     from version v join version_chunk vc on vc.version_id = v.base_version_id
     where v.id = any($1::uuid[])`,
    [copies],
  );
  await moveReferences(client, copies, 1);
  await client.query(
    `update file f set trashed_at = null, head_id = v.id, version_count = f.version_count + 1,
       updated_at = statement_timestamp()
     from version v where v.id = any($1::uuid[]) and f.id = v.file_id`,
    [copies],
  );
}

export interface Purged {
  filesPurged: number;
  versionsPurged: number;
  bytesReleased: bigint;
}

/**
 * Removes files and every version of them for good. Chunk reference counts drop by exactly the
 * references these versions held, so a chunk another version shares keeps its count; a chunk
 * left at zero is the garbage collector's after its grace period.
 */
export async function writePurge(client: pg.PoolClient, fileIds: string[]): Promise<Purged> {
  if (fileIds.length === 0) return { filesPurged: 0, versionsPurged: 0, bytesReleased: 0n };
  const versions = await client.query<{ id: string }>(
    'select id from version where file_id = any($1::uuid[])',
    [fileIds],
  );
  const versionIds = versions.rows.map((v) => v.id);
  const released = await client.query<{ bytes: string }>(
    `update end_user u set stored_bytes = u.stored_bytes - s.bytes
     from (select f.tenant_id, f.user_id, sum(h.size) as bytes
           from file f join version h on h.id = f.head_id
           where f.id = any($1::uuid[]) group by f.tenant_id, f.user_id) s
     where u.id = s.user_id and u.tenant_id = s.tenant_id
     returning s.bytes::text as bytes`,
    [fileIds],
  );
  await moveReferences(client, versionIds, -1);
  await client.query('delete from version_chunk where version_id = any($1::uuid[])', [versionIds]);
  // A conflict copy of another file names one of these as its base; the base goes, the copy stays.
  await client.query(
    `update version set base_version_id = null
     where base_version_id = any($1::uuid[]) and not (id = any($1::uuid[]))`,
    [versionIds],
  );
  await client.query('update file set head_id = null where id = any($1::uuid[])', [fileIds]);
  await client.query('delete from version where id = any($1::uuid[])', [versionIds]);
  await client.query('delete from file where id = any($1::uuid[])', [fileIds]);
  return {
    filesPurged: fileIds.length,
    versionsPurged: versionIds.length,
    bytesReleased: released.rows.reduce((sum, r) => sum + BigInt(r.bytes), 0n),
  };
}

/**
 * Adds (`sign` 1) or removes (-1) the chunk references the given versions hold. A chunk left
 * unreferenced starts its garbage-collection grace period now, as an upload would, so a device
 * that was just told the chunk is stored can still commit it.
 */
async function moveReferences(client: pg.PoolClient, versionIds: string[], sign: 1 | -1) {
  await client.query(
    `update chunk c set ref_count = c.ref_count + $2 * d.n,
       stored_at = case when c.ref_count + $2 * d.n = 0 then now() else c.stored_at end
     from (select chunk_id, count(*) as n from version_chunk
           where version_id = any($1::uuid[]) group by chunk_id) d
     where c.id = d.chunk_id`,
    [versionIds, sign],
  );
}
