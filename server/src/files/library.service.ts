import type { TenantScope } from '../auth/actor';
import type pg from 'pg';
import { checkLibraryPath } from '@cairn/schema';
import { AppError, BadInputError, NotFoundError } from '../errors';
import type { PageArgs } from '../identity/scoped-em';
import { downloadTokenTtlSeconds, signChunkToken } from './chunk-tokens';
import type { FileRow, VersionRow } from './rows';
import { fileColumns, versionColumns } from './rows';

export interface UserScope {
  tenantId: string;
  userId: string;
}

/** A whole tenant's library when `userId` is null (tenant operators, API keys). */
export interface LibraryScope {
  tenantId: string;
  userId: string | null;
}

/** Reads of a user's library. Every query names the tenant and the user. */
export class LibraryService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tokenSecret: Buffer,
  ) {}

  async files(scope: LibraryScope, pathPrefix: string | null, page: PageArgs) {
    if (pathPrefix !== null && (pathPrefix.includes('\0') || pathPrefix.length > 4096)) {
      throw new BadInputError('pathPrefix must be under 4096 characters without NUL');
    }
    const prefix = escapeLike((pathPrefix ?? '').normalize('NFC')) + '%';
    const { rows } = await this.pool.query<FileRow & { total: string }>(
      `select ${fileColumns}, count(*) over ()::text as total from file f
       where f.tenant_id = $1 and ($2::uuid is null or f.user_id = $2) and f.path_nfc like $3
         and f.trashed_at is null
       order by f.path_nfc, f.id offset $4 limit $5`,
      [scope.tenantId, scope.userId, prefix, page.offset, page.limit],
    );
    const total = rows[0] ? Number(rows[0].total) : await this.countFiles(scope, prefix);
    return { items: rows.map(({ total: _total, ...file }) => file), total };
  }

  private async countFiles(scope: LibraryScope, prefix: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `select count(*)::text as n from file
       where tenant_id = $1 and ($2::uuid is null or user_id = $2) and path_nfc like $3
         and trashed_at is null`,
      [scope.tenantId, scope.userId, prefix],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async fileByPath(scope: UserScope, path: string): Promise<FileRow | null> {
    const checked = checkLibraryPath(path);
    if (!checked.ok) throw new AppError(checked.code, checked.reason);
    const { rows } = await this.pool.query<FileRow>(
      `select ${fileColumns} from file f
       where f.tenant_id = $1 and f.user_id = $2 and f.path_nfc = $3 and f.trashed_at is null`,
      [scope.tenantId, scope.userId, checked.normalized],
    );
    return rows[0] ?? null;
  }

  /** A file by id within `tenantId`; the caller decides whether it may see that user. */
  async file(tenantId: TenantScope, id: string): Promise<FileRow | null> {
    const { rows } = await this.pool.query<FileRow>(
      `select ${fileColumns} from file f where f.id = $1 and ($2::uuid is null or f.tenant_id = $2)`,
      [id, tenantId === 'ALL' ? null : tenantId],
    );
    return rows[0] ?? null;
  }

  async version(tenantId: TenantScope, id: string): Promise<VersionRow | null> {
    const { rows } = await this.pool.query<VersionRow>(
      `select ${versionColumns} from version v
       where v.id = $1 and ($2::uuid is null or v.tenant_id = $2)`,
      [id, tenantId === 'ALL' ? null : tenantId],
    );
    return rows[0] ?? null;
  }

  async versions(file: FileRow, page: PageArgs) {
    const { rows } = await this.pool.query<VersionRow>(
      `select ${versionColumns} from version v
       where v.tenant_id = $1 and v.file_id = $2 order by v.seq desc offset $3 limit $4`,
      [file.tenantId, file.id, page.offset, page.limit],
    );
    return { items: rows, total: file.versionCount };
  }

  async restorePlan(version: VersionRow, deviceId: string) {
    if (version.deleted) {
      throw new BadInputError(`version ${version.id} marks a deletion and has no content`);
    }
    const { rows } = await this.pool.query<{
      index: number;
      hash: string;
      offset: string;
      plain_size: string;
      size: string;
      checksum: string;
    }>(
      `select vc.index, c.hash, vc."offset"::text, vc.plain_size::text, c.size::text, c.checksum
       from version_chunk vc join chunk c on c.id = vc.chunk_id
       where vc.tenant_id = $1 and vc.version_id = $2 order by vc.index`,
      [version.tenantId, version.id],
    );
    const path = await this.pool.query<{ path: string }>(
      'select path from file where tenant_id = $1 and id = $2',
      [version.tenantId, version.fileId],
    );
    if (!path.rows[0]) throw new NotFoundError('file', version.fileId);
    const exp = Math.floor(Date.now() / 1000) + downloadTokenTtlSeconds;
    const chunks = rows.map((row) => {
      const token = signChunkToken(this.tokenSecret, {
        op: 'get',
        tenantId: version.tenantId,
        userId: version.userId,
        chunkId: row.hash,
        checksum: row.checksum,
        deviceId,
        exp,
      });
      return {
        index: row.index,
        chunkId: row.hash,
        offset: row.offset,
        plainSize: row.plain_size,
        size: row.size,
        checksum: row.checksum,
        url: `/v1/chunks/${row.hash}?token=${token}`,
      };
    });
    return { version, path: path.rows[0].path, chunks };
  }
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}
