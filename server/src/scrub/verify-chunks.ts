import { createHash } from 'node:crypto';
import { inTransaction } from '../db/database';
import { chunkBlobKey } from '../files/chunk-tokens';
import type { BlobStore } from '../storage/blob-store';
import { BlobNotFoundError } from '../storage/blob-store';
import { readCheckpoint, writeCheckpoint } from './checkpoint';
import { recordFinding, resolveFindings } from './findings';
import type { ScrubDeps, ScrubTally } from './scrub-tally';

interface ChunkRow {
  id: string;
  tenant_id: string;
  user_id: string;
  hash: string;
  size: string;
  checksum: string;
}

const pageSize = 100;

/**
 * Re-reads stored objects in chunk-id order from the checkpoint, within the run's object and
 * byte budgets, and checks each against its row: present, the recorded size, the recorded
 * SHA-256 (which also names it).
 */
export async function verifyChunks(deps: ScrubDeps, tally: ScrubTally): Promise<void> {
  const { maxObjects, maxBytes } = deps.limits;
  let position = await readCheckpoint(deps.pool, 'chunks');
  const healthy: string[] = [];
  let lapDone = false;

  walk: while (tally.objectsVerified < maxObjects) {
    const limit = Math.min(pageSize, maxObjects - tally.objectsVerified);
    const { rows } = await deps.pool.query<ChunkRow>(
      `select id, tenant_id, user_id, hash, size::text, checksum from chunk
       where $1::uuid is null or id > $1 order by id limit $2`,
      [position, limit],
    );
    for (const row of rows) {
      // At least one object per run, however large, so a tiny byte budget still makes progress.
      const over = tally.bytesRead + Number(row.size) > maxBytes;
      if (tally.objectsVerified > 0 && over) break walk;
      const key = chunkBlobKey(row.tenant_id, row.user_id, row.checksum);
      if (await verifyOne(deps, row, key, tally)) healthy.push(key);
      tally.objectsVerified++;
      position = row.id;
    }
    if (rows.length < limit) {
      lapDone = true;
      break;
    }
  }

  tally.resolved += await resolveFindings(deps.pool, healthy, ['MISSING', 'CORRUPT'], 'HEALTHY');
  tally.chunksLapDone = lapDone;
  await writeCheckpoint(deps.pool, 'chunks', position, lapDone);
}

/** True when the object is healthy; otherwise records what is wrong with it. */
async function verifyOne(deps: ScrubDeps, row: ChunkRow, key: string, tally: ScrubTally) {
  const finding = {
    tenantId: row.tenant_id,
    userId: row.user_id,
    objectKey: key,
    chunkId: row.hash,
  };
  const read = await digestOf(deps.blobs, key);
  if (!read) {
    if (!(await stillMissing(deps, row, key))) return true;
    await recordFinding(deps.pool, { ...finding, kind: 'MISSING', detail: 'no stored object' });
    tally.missing++;
    return false;
  }
  tally.bytesRead += read.size;
  const problem =
    read.size !== Number(row.size)
      ? `stored object is ${read.size} bytes, the chunk row says ${row.size}`
      : read.sha256 !== row.checksum
        ? `stored bytes hash to ${read.sha256}, the chunk row says ${row.checksum}`
        : null;
  if (!problem) return true;
  await recordFinding(deps.pool, { ...finding, kind: 'CORRUPT', detail: problem });
  tally.corrupt++;
  return false;
}

/**
 * Garbage collection deletes a chunk's object before its row, in one transaction: a row seen
 * just before that commits is not a missing object. Holding the row FOR SHARE keeps collection
 * off it (it skips locked rows) while the object is looked for again.
 */
async function stillMissing(deps: ScrubDeps, row: ChunkRow, key: string): Promise<boolean> {
  return inTransaction(deps.pool, async (client) => {
    const { rowCount } = await client.query('select 1 from chunk where id = $1 for share', [
      row.id,
    ]);
    return rowCount === 1 && (await deps.blobs.stat(key)) === null;
  });
}

async function digestOf(blobs: BlobStore, key: string) {
  let stream;
  try {
    stream = await blobs.read(key);
  } catch (error) {
    if (error instanceof BlobNotFoundError) return null;
    throw error;
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const piece of stream as AsyncIterable<Buffer>) {
    hash.update(piece);
    size += piece.length;
  }
  return { size, sha256: hash.digest('hex') };
}
