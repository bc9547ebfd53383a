import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PutClaims } from './chunk-tokens';

/** Records the chunk as stored; its size and checksum stay those of the first stored object. */
export async function recordChunk(pool: pg.Pool, claims: PutClaims): Promise<boolean> {
  const inserted = await recordChunks(pool, [claims]);
  return inserted.has(chunkRecordKey(claims));
}

/**
 * Records many stored chunks in one statement. Returns the `chunkRecordKey`s of the new rows. The
 * claims must name each (user, chunk) once: one statement cannot update a row twice.
 */
export async function recordChunks(
  pool: pg.Pool,
  claims: readonly PutClaims[],
): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const { rows } = await pool.query<{ hash: string; user_id: string; inserted: boolean }>(
    `insert into chunk (id, tenant_id, user_id, hash, size, plain_size, checksum)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[],
                          $6::bigint[], $7::text[])
     on conflict (user_id, hash) do update set stored_at = now()
     returning hash, user_id, (xmax = 0) as inserted`,
    [
      claims.map(() => randomUUID()),
      claims.map((c) => c.tenantId),
      claims.map((c) => c.userId),
      claims.map((c) => c.chunkId),
      claims.map((c) => c.size),
      claims.map((c) => c.plainSize),
      claims.map((c) => c.checksum),
    ],
  );
  const created = rows.filter((row) => row.inserted);
  return new Set(created.map((row) => chunkRecordKey({ userId: row.user_id, chunkId: row.hash })));
}

/** Dedup scope is the user: one row per (user, chunk id). */
export function chunkRecordKey(claims: Pick<PutClaims, 'userId' | 'chunkId'>): string {
  return `${claims.userId}/${claims.chunkId}`;
}

export async function forgetChunk(pool: pg.Pool, claims: PutClaims): Promise<void> {
  await pool.query(
    'delete from chunk where tenant_id = $1 and user_id = $2 and hash = $3 and ref_count = 0',
    [claims.tenantId, claims.userId, claims.chunkId],
  );
}
