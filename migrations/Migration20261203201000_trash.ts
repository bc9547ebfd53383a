import { Migration } from '@mikro-orm/migrations';

/**
 * Trash. A deleted file keeps its row and versions with `trashed_at` set; only live files hold
 * a path uniquely, so a path can be backed up again while the old file waits in trash. Deletions
 * and restores from trash write a version (`deleted` marks the tombstone), so the library as of
 * any time follows from versions alone.
 */
export class Migration20261203201000_trash extends Migration {
  override up(): void {
    this.addSql(`
      alter table file add column trashed_at timestamptz;
      alter table file drop constraint file_user_id_path_nfc_key;
      create unique index file_live_path_key on file (user_id, path_nfc) where trashed_at is null;
      create index file_trash_idx on file (tenant_id, user_id, trashed_at)
        where trashed_at is not null;
      alter table version add column deleted boolean not null default false;
      create index version_user_created_idx on version (tenant_id, user_id, created_at);
    `);
  }
}
