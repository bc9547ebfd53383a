import { Migration } from '@mikro-orm/migrations';

/**
 * What the scrub job finds, and where it stopped. A finding is open until `resolved_at` is set;
 * at most one open finding per (object, kind), so a later sighting updates it instead of adding
 * one. The orphan pass looks objects up by the checksum that names them, hence the chunk index.
 */
export class Migration20261203210000_scrub extends Migration {
  override up(): void {
    this.addSql(`
      create table scrub_finding (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        user_id uuid references end_user (id),
        kind text not null check (kind in ('MISSING', 'CORRUPT', 'ORPHANED')),
        object_key text not null,
        chunk_id text,
        detail text not null,
        sightings int not null default 1,
        first_seen_at timestamptz not null default now(),
        last_seen_at timestamptz not null default now(),
        resolved_at timestamptz,
        resolution text check (resolution in ('HEALTHY', 'REFERENCED', 'GONE', 'DELETED'))
      );
      create unique index scrub_finding_open_idx on scrub_finding (object_key, kind)
        where resolved_at is null;
      create index scrub_finding_tenant_idx on scrub_finding (tenant_id, first_seen_at desc);
      create table scrub_checkpoint (
        pass text primary key,
        position text,
        laps int not null default 0,
        updated_at timestamptz not null default now()
      );
      create index chunk_user_checksum_idx on chunk (user_id, checksum);
    `);
  }
}
