import { Migration } from '@mikro-orm/migrations';

/** The walking skeleton's tables. Every tenant-owned table carries tenant_id. */
export class Migration20261203170000_initial extends Migration {
  override up(): void {
    this.addSql(`
      create table tenant (
        id uuid primary key,
        name text not null unique,
        status text not null default 'ACTIVE',
        conflict_policy text not null default 'KEEP_BOTH',
        created_at timestamptz not null default now()
      );
      create table operator (
        id uuid primary key,
        tenant_id uuid references tenant (id),
        email text not null unique,
        password_hash text not null,
        role text not null,
        created_at timestamptz not null default now()
      );
      create table api_key (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        name text not null,
        prefix text not null,
        secret_hash text not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      create index api_key_tenant_idx on api_key (tenant_id);
      create table end_user (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        external_id text not null,
        stored_bytes bigint not null default 0,
        created_at timestamptz not null default now(),
        unique (tenant_id, external_id)
      );
      create table device (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        user_id uuid not null references end_user (id),
        name text not null,
        platform text not null,
        token_hash text not null,
        created_at timestamptz not null default now(),
        last_seen_at timestamptz,
        revoked_at timestamptz
      );
      create index device_tenant_user_idx on device (tenant_id, user_id);
      create table user_key (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        user_id uuid not null unique references end_user (id),
        wrapped_key text not null,
        created_at timestamptz not null default now()
      );
      create sequence version_seq;
      create table file (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        user_id uuid not null references end_user (id),
        path text not null,
        path_nfc text not null,
        device_asset_id text,
        head_id uuid,
        version_count int not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (user_id, path_nfc)
      );
      create index file_tenant_user_path_idx on file (tenant_id, user_id, path_nfc text_pattern_ops);
      create table version (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        user_id uuid not null references end_user (id),
        file_id uuid not null references file (id),
        seq bigint not null unique default nextval('version_seq'),
        size bigint not null,
        content_hash text not null,
        chunk_count int not null,
        client_mtime timestamptz,
        device_id uuid references device (id),
        base_version_id uuid references version (id),
        idempotency_key text,
        conflict boolean not null default false,
        created_at timestamptz not null default now(),
        unique (user_id, idempotency_key)
      );
      create index version_file_idx on version (file_id, seq desc);
      alter table file add constraint file_head_fk foreign key (head_id) references version (id);
      create table chunk (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        user_id uuid not null references end_user (id),
        hash text not null,
        size bigint not null,
        plain_size bigint not null,
        checksum text not null,
        ref_count bigint not null default 0,
        stored_at timestamptz not null default now(),
        unique (user_id, hash)
      );
      create index chunk_gc_idx on chunk (stored_at) where ref_count = 0;
      create table version_chunk (
        tenant_id uuid not null references tenant (id),
        version_id uuid not null references version (id),
        index int not null,
        chunk_id uuid not null references chunk (id),
        "offset" bigint not null,
        plain_size bigint not null,
        primary key (version_id, index)
      );
      create index version_chunk_chunk_idx on version_chunk (chunk_id);
    `);
  }
}
