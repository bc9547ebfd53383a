import type pg from 'pg';
import { BadInputError } from '../errors';
import type { PageArgs } from '../identity/scoped-em';
import { escapeLike, type UserScope } from './library.service';
import type { FileRow, VersionRow } from './rows';
import { fileColumns, versionColumns } from './rows';

/** Each file's newest version committed by $3, for user $2 under the LIKE pattern $4. */
const liveAt = `with latest as (
    select distinct on (v.file_id) v.file_id, v.id, v.deleted, f.path_nfc
    from version v join file f on f.id = v.file_id
    where v.tenant_id = $1 and v.user_id = $2 and v.created_at <= $3 and f.path_nfc like $4
    order by v.file_id, v.seq desc
  )`;

export interface LibraryEntryModel {
  path: string;
  file: FileRow;
  version: VersionRow;
}

/**
 * The library as it was at a past time. Deletions and restores write versions too, so a file's
 * newest version committed by then says it all: a tombstone means it was in trash then.
 */
export class HistoryService {
  constructor(private readonly pool: pg.Pool) {}

  async libraryAt(scope: UserScope, at: string, pathPrefix: string | null, page: PageArgs) {
    if (pathPrefix !== null && (pathPrefix.includes('\0') || pathPrefix.length > 4096)) {
      throw new BadInputError('pathPrefix must be under 4096 characters without NUL');
    }
    const prefix = escapeLike((pathPrefix ?? '').normalize('NFC')) + '%';
    const args = [scope.tenantId, scope.userId, at, prefix];
    const { rows } = await this.pool.query<{ fileId: string; versionId: string; total: string }>(
      `${liveAt}
       select l.file_id as "fileId", l.id as "versionId", count(*) over ()::text as total
       from latest l where not l.deleted
       order by l.path_nfc, l.file_id offset $5 limit $6`,
      [...args, page.offset, page.limit],
    );
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(
          (
            await this.pool.query<{ n: string }>(
              `${liveAt} select count(*)::text as n from latest l where not l.deleted`,
              args,
            )
          ).rows[0]?.n ?? 0,
        );
    const files = await this.byId<FileRow>(
      `select ${fileColumns} from file f where f.tenant_id = $1 and f.id = any($2::uuid[])`,
      scope,
      rows.map((r) => r.fileId),
    );
    const versions = await this.byId<VersionRow>(
      `select ${versionColumns} from version v where v.tenant_id = $1 and v.id = any($2::uuid[])`,
      scope,
      rows.map((r) => r.versionId),
    );
    const items = rows.map((row): LibraryEntryModel => {
      const file = files.get(row.fileId)!;
      return { path: file.path, file, version: versions.get(row.versionId)! };
    });
    return { items, total };
  }

  private async byId<T extends { id: string }>(sql: string, scope: UserScope, ids: string[]) {
    const { rows } = await this.pool.query<T>(sql, [scope.tenantId, ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }
}
