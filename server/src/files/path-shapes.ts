import type pg from 'pg';
import { ConflictError } from '../errors';

/** The folders above a path: "a/b/c.jpg" gives "a" and "a/b". */
export function foldersAbove(pathNfc: string): string[] {
  const parts = pathNfc.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Keeps a user's library a tree: no path is both a file and a folder, which no restore target
 * could hold (one of the two would be lost). Loaded once per batch for the paths it may create,
 * then told of each path the batch does create.
 */
export class PathShapes {
  private readonly filesMade = new Set<string>();
  private readonly foldersMade = new Set<string>();

  private constructor(
    private readonly liveFiles: ReadonlySet<string>,
    private readonly liveFolders: ReadonlySet<string>,
  ) {}

  static async load(
    client: pg.PoolClient,
    scope: { tenantId: string; userId: string },
    paths: readonly string[],
  ): Promise<PathShapes> {
    // Edits of files already there make nothing new: no round trips for them.
    if (paths.length === 0) return new PathShapes(new Set(), new Set());
    const above = [...new Set(paths.flatMap(foldersAbove))];
    const files = await client.query<{ path_nfc: string }>(
      `select path_nfc from file where tenant_id = $1 and user_id = $2 and trashed_at is null
       and path_nfc = any($3::text[])`,
      [scope.tenantId, scope.userId, above],
    );
    // Something lives below "p" when a live path falls in ["p/", "p0"): '0' follows '/'.
    const folders = await client.query<{ path: string }>(
      `select p.path from unnest($3::text[]) as p(path) where exists (
         select 1 from file f where f.user_id = $2 and f.tenant_id = $1 and f.trashed_at is null
           and (f.path_nfc collate "C") >= (p.path || '/') collate "C"
           and (f.path_nfc collate "C") < (p.path || '0') collate "C")`,
      [scope.tenantId, scope.userId, [...new Set(paths)]],
    );
    return new PathShapes(
      new Set(files.rows.map((r) => r.path_nfc)),
      new Set(folders.rows.map((r) => r.path)),
    );
  }

  /** Records a new file at `pathNfc`, or refuses it with CONFLICT if the tree forbids it. */
  claim(pathNfc: string, path: string): void {
    const above = foldersAbove(pathNfc);
    const file = above.find((folder) => this.liveFiles.has(folder) || this.filesMade.has(folder));
    if (file !== undefined) {
      throw new ConflictError(`${file} is a file, so ${path} cannot be inside it`);
    }
    if (this.liveFolders.has(pathNfc) || this.foldersMade.has(pathNfc)) {
      throw new ConflictError(`${path} is a folder that holds files`);
    }
    this.filesMade.add(pathNfc);
    for (const folder of above) this.foldersMade.add(folder);
  }
}
