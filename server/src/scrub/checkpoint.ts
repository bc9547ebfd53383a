import type pg from 'pg';

/** The two walks of a scrub: chunk rows (by id) and users' object folders (by user id). */
export type ScrubPass = 'chunks' | 'objects';

/** Where the pass stopped last time; null means start from the beginning. */
export async function readCheckpoint(pool: pg.Pool, pass: ScrubPass): Promise<string | null> {
  const { rows } = await pool.query<{ position: string | null }>(
    'select position from scrub_checkpoint where pass = $1',
    [pass],
  );
  return rows[0]?.position ?? null;
}

/** Saves where the pass stopped; a finished lap starts over from the beginning next time. */
export async function writeCheckpoint(
  pool: pg.Pool,
  pass: ScrubPass,
  position: string | null,
  lapDone: boolean,
): Promise<void> {
  await pool.query(
    `insert into scrub_checkpoint (pass, position, laps) values ($1, $2, $3)
     on conflict (pass) do update set position = excluded.position,
       laps = scrub_checkpoint.laps + excluded.laps, updated_at = now()`,
    [pass, lapDone ? null : position, lapDone ? 1 : 0],
  );
}
