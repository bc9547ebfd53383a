import { findOrphans } from '../scrub/find-orphans';
import { resolveFindingsOfCollectedChunks } from '../scrub/findings';
import type { ScrubDeps, ScrubTally } from '../scrub/scrub-tally';
import { emptyTally } from '../scrub/scrub-tally';
import { verifyChunks } from '../scrub/verify-chunks';

/**
 * One scrub run: re-reads a bounded share of stored objects against their chunk rows, then lists
 * a bounded share of the store for objects no row names. Each pass resumes where the last run
 * stopped. Two runs at once (two workers, or a manual run during a scheduled one) would fight
 * over the checkpoints, so a run that cannot take the lock skips.
 */
export async function scrubChunks(deps: ScrubDeps): Promise<ScrubTally | { skipped: true }> {
  const lock = await deps.pool.connect();
  try {
    const { rows } = await lock.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtext('cairn:scrub')) as locked",
    );
    if (!rows[0]?.locked) {
      deps.log.info('another scrub is running; skipped');
      return { skipped: true };
    }
    try {
      const tally = emptyTally();
      await verifyChunks(deps, tally);
      await findOrphans(deps, tally);
      tally.resolved += await resolveFindingsOfCollectedChunks(deps.pool);
      deps.log.info(tally, 'scrub done');
      return tally;
    } finally {
      await lock.query("select pg_advisory_unlock(hashtext('cairn:scrub'))");
    }
  } finally {
    lock.release();
  }
}
