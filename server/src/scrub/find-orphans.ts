import { readCheckpoint, writeCheckpoint } from './checkpoint';
import { recordFinding, resolveFindings } from './findings';
import type { ScrubDeps, ScrubTally } from './scrub-tally';

interface UserRow {
  id: string;
  tenant_id: string;
}

const usersPerPage = 50;
const keysPerLookup = 500;

/**
 * Lists users' object folders in user-id order from the checkpoint until the run's key budget
 * is spent (whole users at a time: listing names is cheap next to reading bytes), and reports
 * objects that no chunk row names.
 */
export async function findOrphans(deps: ScrubDeps, tally: ScrubTally): Promise<void> {
  let position = await readCheckpoint(deps.pool, 'objects');
  let lapDone = false;

  walk: while (tally.keysListed < deps.limits.maxObjects) {
    const { rows } = await deps.pool.query<UserRow>(
      `select id, tenant_id from end_user where $1::uuid is null or id > $1 order by id limit $2`,
      [position, usersPerPage],
    );
    for (const user of rows) {
      await scanUser(deps, user, tally);
      position = user.id;
      if (tally.keysListed >= deps.limits.maxObjects && user !== rows.at(-1)) break walk;
    }
    if (rows.length < usersPerPage) {
      lapDone = true;
      break;
    }
  }

  tally.objectsLapDone = lapDone;
  await writeCheckpoint(deps.pool, 'objects', position, lapDone);
}

async function scanUser(deps: ScrubDeps, user: UserRow, tally: ScrubTally) {
  await closeVanishedOrphans(deps, user, tally);
  let batch: string[] = [];
  for await (const key of deps.blobs.list(`${user.tenant_id}/${user.id}/`)) {
    tally.keysListed++;
    batch.push(key);
    if (batch.length === keysPerLookup) {
      await checkKeys(deps, user, batch, tally);
      batch = [];
    }
  }
  await checkKeys(deps, user, batch, tally);
}

/** Objects are named by their checksum: one with no row of that checksum is unreferenced. */
async function checkKeys(deps: ScrubDeps, user: UserRow, keys: string[], tally: ScrubTally) {
  if (keys.length === 0) return;
  const { rows } = await deps.pool.query<{ checksum: string }>(
    'select checksum from chunk where user_id = $1 and checksum = any($2)',
    [user.id, keys.map(checksumOf)],
  );
  const referenced = new Set(rows.map((row) => row.checksum));
  const named = keys.filter((key) => referenced.has(checksumOf(key)));
  tally.resolved += await resolveFindings(deps.pool, named, ['ORPHANED'], 'REFERENCED');
  for (const key of keys) {
    if (!referenced.has(checksumOf(key))) await checkUnreferenced(deps, user, key, tally);
  }
}

async function checkUnreferenced(deps: ScrubDeps, user: UserRow, key: string, tally: ScrubTally) {
  const graceMs = deps.limits.orphanGraceSeconds * 1000;
  const stat = await deps.blobs.stat(key);
  // An upload stores its object just before its row: a young object may be one in flight.
  if (!stat || Date.now() - stat.modifiedAt.getTime() < graceMs) return;
  const sighting = await recordFinding(deps.pool, {
    tenantId: user.tenant_id,
    userId: user.id,
    kind: 'ORPHANED',
    objectKey: key,
    chunkId: null,
    detail: `${stat.size} bytes no chunk row refers to, written ${stat.modifiedAt.toISOString()}`,
  });
  tally.orphaned++;
  if (sighting.sightings >= 2 && Date.now() - sighting.firstSeenAt.getTime() >= graceMs) {
    await deleteOrphan(deps, user, key, tally);
  }
}

/**
 * Deletes an orphan seen on two runs a grace period apart, after looking once more for a row
 * naming it. Only an upload re-sending these exact bytes (same nonce) between that lookup and
 * the delete could lose its object; the verification pass would then report it MISSING.
 */
async function deleteOrphan(deps: ScrubDeps, user: UserRow, key: string, tally: ScrubTally) {
  const { rowCount } = await deps.pool.query(
    'select 1 from chunk where user_id = $1 and checksum = $2',
    [user.id, checksumOf(key)],
  );
  if (rowCount !== 0) {
    tally.resolved += await resolveFindings(deps.pool, [key], ['ORPHANED'], 'REFERENCED');
    return;
  }
  await deps.blobs.delete(key);
  tally.deleted++;
  tally.resolved += await resolveFindings(deps.pool, [key], ['ORPHANED'], 'DELETED');
  deps.log.info({ key, tenantId: user.tenant_id, userId: user.id }, 'deleted orphaned object');
}

/** Open orphan findings whose object someone else removed. */
async function closeVanishedOrphans(deps: ScrubDeps, user: UserRow, tally: ScrubTally) {
  const { rows } = await deps.pool.query<{ object_key: string }>(
    `select object_key from scrub_finding
     where user_id = $1 and kind = 'ORPHANED' and resolved_at is null`,
    [user.id],
  );
  const gone: string[] = [];
  for (const row of rows) if (!(await deps.blobs.stat(row.object_key))) gone.push(row.object_key);
  tally.resolved += await resolveFindings(deps.pool, gone, ['ORPHANED'], 'GONE');
}

function checksumOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
