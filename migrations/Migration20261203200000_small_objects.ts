import { Migration } from '@mikro-orm/migrations';

/**
 * Small chunk objects kept as rows by the embedded store. Stored uncompressed and out of line:
 * the bytes are ciphertext, so PostgreSQL's compression would only spend time failing.
 */
export class Migration20261203200000_small_objects extends Migration {
  override up(): void {
    this.addSql(`
      create table small_object (
        key text primary key,
        bytes bytea not null,
        stored_at timestamptz not null default now()
      );
      alter table small_object alter column bytes set storage external;
    `);
  }
}
