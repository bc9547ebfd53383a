import { Migration } from '@mikro-orm/migrations';

/**
 * Operator sign-in that holds: a TOTP second factor (secret encrypted with a server key; the
 * last accepted time step stops replays), one-time recovery codes and refresh tokens stored as
 * SHA-256 digests, and server-side sessions an access token names, so logout takes effect at
 * once. A rotated refresh token row is kept until it expires: presenting it again is a replay.
 * The role/tenant check is `not valid`: it binds new rows without failing on older ones.
 */
export class Migration20261204120000_operator_sign_in extends Migration {
  override up(): void {
    this.addSql(`
      alter table operator
        add column totp_secret text,
        add column totp_pending_secret text,
        add column totp_enabled_at timestamptz,
        add column totp_last_step bigint,
        add column must_change_password boolean not null default false,
        add column disabled_at timestamptz;
      alter table operator add constraint operator_role_check
        check (role in ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'TENANT_VIEWER'));
      alter table operator add constraint operator_tenant_check
        check ((role = 'PLATFORM_ADMIN') = (tenant_id is null)) not valid;
      create index operator_tenant_idx on operator (tenant_id, created_at);

      create table operator_session (
        id uuid primary key,
        operator_id uuid not null references operator (id) on delete cascade,
        restriction text
          check (restriction in ('TOTP_ENROLMENT_REQUIRED', 'PASSWORD_CHANGE_REQUIRED')),
        created_at timestamptz not null default now(),
        refreshed_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text
      );
      create index operator_session_operator_idx on operator_session (operator_id, created_at);

      create table operator_refresh_token (
        token_hash text primary key,
        session_id uuid not null references operator_session (id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        rotated_at timestamptz
      );
      create index operator_refresh_token_session_idx on operator_refresh_token (session_id);

      create table operator_recovery_code (
        id uuid primary key,
        operator_id uuid not null references operator (id) on delete cascade,
        code_hash text not null,
        created_at timestamptz not null default now(),
        used_at timestamptz,
        unique (operator_id, code_hash)
      );
    `);
  }
}
