import DataLoader from 'dataloader';
import type pg from 'pg';
import type { VersionRow } from '../db/entities';
import { versionColumns } from '../files/rows';

/** Per-request batching, so lists resolve their nested fields in one query per field. */
export interface Loaders {
  version: DataLoader<Scoped, VersionRow | null, string>;
  userCount: DataLoader<string, number>;
  deviceCount: DataLoader<Scoped, number, string>;
  fileCount: DataLoader<Scoped, number, string>;
}

/** A row id with the tenant it must belong to: loaders never read across tenants. */
export interface Scoped {
  tenantId: string;
  id: string;
}

const cacheKeyFn = (key: Scoped) => `${key.tenantId}:${key.id}`;

export function createLoaders(pool: pg.Pool): Loaders {
  return {
    version: new DataLoader(
      async (keys: readonly Scoped[]) => {
        const { rows } = await pool.query<VersionRow>(
          `select ${versionColumns} from version v
           join unnest($1::uuid[], $2::uuid[]) as k(tenant_id, id)
             on v.tenant_id = k.tenant_id and v.id = k.id`,
          [keys.map((k) => k.tenantId), keys.map((k) => k.id)],
        );
        const byId = new Map(rows.map((row) => [row.id, row]));
        return keys.map((key) => byId.get(key.id) ?? null);
      },
      { cacheKeyFn },
    ),
    userCount: new DataLoader(async (tenantIds: readonly string[]) => {
      const counts = await countBy(pool, 'end_user', 'tenant_id', tenantIds);
      return tenantIds.map((id) => counts.get(id) ?? 0);
    }),
    deviceCount: scopedCount(pool, 'device'),
    fileCount: scopedCount(pool, 'file'),
  };
}

function scopedCount(pool: pg.Pool, table: 'device' | 'file') {
  return new DataLoader<Scoped, number, string>(
    async (keys) => {
      const { rows } = await pool.query<{ user_id: string; n: string }>(
        `select t.user_id, count(*)::text as n from ${table} t
         join unnest($1::uuid[], $2::uuid[]) as k(tenant_id, user_id)
           on t.tenant_id = k.tenant_id and t.user_id = k.user_id
         ${table === 'file' ? 'where t.trashed_at is null' : ''}
         group by t.user_id`,
        [keys.map((k) => k.tenantId), keys.map((k) => k.id)],
      );
      const counts = new Map(rows.map((row) => [row.user_id, Number(row.n)]));
      return keys.map((key) => counts.get(key.id) ?? 0);
    },
    { cacheKeyFn },
  );
}

async function countBy(
  pool: pg.Pool,
  table: 'end_user',
  column: 'tenant_id',
  ids: readonly string[],
) {
  const { rows } = await pool.query<{ key: string; n: string }>(
    `select ${column} as key, count(*)::text as n from ${table}
     where ${column} = any($1::uuid[]) group by ${column}`,
    [ids],
  );
  return new Map(rows.map((row) => [row.key, Number(row.n)]));
}
