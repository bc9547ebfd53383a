import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export type FindingKind = 'MISSING' | 'CORRUPT' | 'ORPHANED';

/**
 * How an open finding closed: the object read back healthy, a row came to reference it, it (or
 * its row) went away by other means, or the scrub deleted it as an orphan.
 */
export type Resolution = 'HEALTHY' | 'REFERENCED' | 'GONE' | 'DELETED';

export interface FindingInput {
  tenantId: string;
  userId: string;
  kind: FindingKind;
  objectKey: string;
  /** The chunk id of the row that names the object; none for an orphan. */
  chunkId: string | null;
  detail: string;
}

export interface Sighting {
  id: string;
  sightings: number;
  firstSeenAt: Date;
}

/** Opens a finding, or counts one more sighting of the open finding for that object and kind. */
export async function recordFinding(
  db: pg.Pool | pg.PoolClient,
  finding: FindingInput,
): Promise<Sighting> {
  const { rows } = await db.query<{ id: string; sightings: number; first_seen_at: Date }>(
    `insert into scrub_finding (id, tenant_id, user_id, kind, object_key, chunk_id, detail)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (object_key, kind) where resolved_at is null
     do update set last_seen_at = now(), sightings = scrub_finding.sightings + 1,
                   detail = excluded.detail
     returning id, sightings, first_seen_at`,
    [
      randomUUID(),
      finding.tenantId,
      finding.userId,
      finding.kind,
      finding.objectKey,
      finding.chunkId,
      finding.detail,
    ],
  );
  const row = rows[0]!;
  return { id: row.id, sightings: row.sightings, firstSeenAt: row.first_seen_at };
}

/** Closes the open findings of these kinds on these objects. Returns how many closed. */
export async function resolveFindings(
  db: pg.Pool | pg.PoolClient,
  objectKeys: readonly string[],
  kinds: readonly FindingKind[],
  resolution: Resolution,
): Promise<number> {
  if (objectKeys.length === 0) return 0;
  const { rowCount } = await db.query(
    `update scrub_finding set resolved_at = now(), resolution = $3
     where resolved_at is null and object_key = any($1) and kind = any($2)`,
    [objectKeys, kinds, resolution],
  );
  return rowCount ?? 0;
}

/** A missing or corrupt object whose chunk row was collected is no longer anyone's problem. */
export async function resolveFindingsOfCollectedChunks(db: pg.Pool): Promise<number> {
  const { rowCount } = await db.query(
    `update scrub_finding f set resolved_at = now(), resolution = 'GONE'
     where f.resolved_at is null and f.kind in ('MISSING', 'CORRUPT')
       and not exists (select 1 from chunk c where c.user_id = f.user_id and c.hash = f.chunk_id)`,
  );
  return rowCount ?? 0;
}
