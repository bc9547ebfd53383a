import type pg from 'pg';

/** Row counts of one user's library, to prove a refused call changed nothing. */
export async function libraryCounts(pool: pg.Pool, userId: string) {
  const { rows } = await pool.query<Record<string, string>>(
    `select
       (select count(*) from file where user_id = $1)::text as files,
       (select count(*) from version where user_id = $1)::text as versions,
       (select count(*) from version_chunk vc join version v on v.id = vc.version_id
         where v.user_id = $1)::text as "versionChunks",
       (select coalesce(sum(ref_count), 0) from chunk where user_id = $1)::text as refs,
       (select stored_bytes from end_user where id = $1)::text as "storedBytes"`,
    [userId],
  );
  return rows[0]!;
}

export async function refCount(
  pool: pg.Pool,
  userId: string,
  hash: string,
): Promise<string | null> {
  const { rows } = await pool.query<{ ref_count: string }>(
    'select ref_count::text from chunk where user_id = $1 and hash = $2',
    [userId, hash],
  );
  return rows[0]?.ref_count ?? null;
}
