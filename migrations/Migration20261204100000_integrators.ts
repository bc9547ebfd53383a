import { Migration } from '@mikro-orm/migrations';

/**
 * Scoped, expiring API keys; tenant settings; partner identity providers; device app versions.
 * Keys made before scopes existed could already do everything a key could then, so they get every
 * scope but billing:read (nothing billed was readable before). Settings checks mirror the
 * service's bounds, so a bad value cannot reach the table by another path.
 */
export class Migration20261204100000_integrators extends Migration {
  override up(): void {
    this.addSql(`
      alter table api_key
        add column scopes text[] not null default array[
          'TENANT_READ', 'USERS_READ', 'USERS_WRITE', 'DEVICES_READ', 'DEVICES_WRITE',
          'FILES_READ', 'FILES_WRITE'
        ],
        add column expires_at timestamptz,
        add constraint api_key_scopes_known check (
          cardinality(scopes) > 0 and scopes <@ array[
            'TENANT_READ', 'USERS_READ', 'USERS_WRITE', 'DEVICES_READ', 'DEVICES_WRITE',
            'FILES_READ', 'FILES_WRITE', 'BILLING_READ'
          ]
        );
      alter table api_key alter column scopes drop default;

      alter table tenant
        add column dedup_scope text not null default 'USER'
          check (dedup_scope in ('USER', 'TENANT')),
        add column max_devices_per_user int check (max_devices_per_user between 1 and 10000),
        add column keep_last_versions int check (keep_last_versions between 1 and 10000),
        add column trash_retention_days int not null default 30
          check (trash_retention_days between 1 and 3650);

      alter table device add column app_version text;

      create table partner_idp (
        id uuid primary key,
        tenant_id uuid not null references tenant (id),
        issuer text not null,
        audience text not null,
        jwks_url text,
        jwks jsonb,
        clock_skew_seconds int not null check (clock_skew_seconds between 0 and 300),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, issuer),
        check ((jwks_url is null) <> (jwks is null))
      );
    `);
  }
}
