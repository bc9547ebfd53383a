import type pg from 'pg';
import { inTransaction } from '../db/database';
import { chunkBlobKey } from '../files/chunk-tokens';
import type { Logger } from '../logger';
import type { BlobStore } from '../storage/blob-store';

const batchSize = 500;

/**
 * Deletes chunks nobody has referenced for the grace period, rows and blobs. Rows are taken
 * FOR UPDATE SKIP LOCKED, so a commit holding them FOR SHARE keeps them; the WHERE clause is
 * evaluated on the locked row, so a chunk a commit just referenced is left alone.
 */
export async function collectChunks(deps: {
  pool: pg.Pool;
  blobs: BlobStore;
  graceSeconds: number;
  log: Logger;
}): Promise<{ deleted: number }> {
  let deleted = 0;
  for (;;) {
    const removed = await inTransaction(deps.pool, async (client) => {
      const { rows } = await client.query<{
        id: string;
        tenant_id: string;
        user_id: string;
        checksum: string;
      }>(
        `select id, tenant_id, user_id, checksum from chunk
         where ref_count = 0 and stored_at < now() - make_interval(secs => $1)
         order by stored_at limit $2 for update skip locked`,
        [deps.graceSeconds, batchSize],
      );
      // Blobs go while the rows are locked: a re-upload waits on the row and finds it gone.
      for (const row of rows)
        await deps.blobs.delete(chunkBlobKey(row.tenant_id, row.user_id, row.checksum));
      await client.query('delete from chunk where id = any($1::uuid[])', [rows.map((r) => r.id)]);
      return rows.length;
    });
    deleted += removed;
    if (removed < batchSize) break;
  }
  deps.log.info({ deleted }, 'chunk garbage collection done');
  return { deleted };
}
