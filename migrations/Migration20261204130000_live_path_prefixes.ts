import { Migration } from '@mikro-orm/migrations';

/**
 * Live paths in code-point order, so "is anything live below this folder" is an index range
 * (`path >= 'a/b/' and path < 'a/b0'`) whatever the database's collation.
 */
export class Migration20261204130000_live_path_prefixes extends Migration {
  override up(): void {
    this.addSql(`
      create index file_live_path_c_idx on file (user_id, (path_nfc collate "C"))
        where trashed_at is null;
    `);
  }
}
