import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log. Rows are only ever added: triggers refuse UPDATE, DELETE and TRUNCATE for every
 * role, the table owner and superusers included (only disabling the triggers, itself a schema
 * change, gets past them). `tenant_id` has no foreign key on purpose: an event must never fail
 * to insert because of what it names, e.g. a platform admin's call naming an unknown tenant.
 * `seq` orders events written in the same millisecond; the GIN index on `targets` answers
 * "every event that named this record" without reading the whole log.
 */
export class Migration20261204110000_audit_events extends Migration {
  override up(): void {
    this.addSql(`
      create table audit_event (
        id uuid primary key,
        seq bigint generated always as identity,
        occurred_at timestamptz not null default now(),
        tenant_id uuid,
        actor_kind text not null
          check (actor_kind in ('OPERATOR', 'API_KEY', 'USER', 'DEVICE', 'ANONYMOUS')),
        actor_id uuid,
        operation text not null,
        targets jsonb not null default '[]',
        outcome text not null,
        client_ip text,
        user_agent text,
        request_id text,
        arguments jsonb not null default '{}',
        items jsonb
      );
      create index audit_event_tenant_time_idx on audit_event (tenant_id, occurred_at desc, seq desc);
      create index audit_event_time_idx on audit_event (occurred_at desc, seq desc);
      create index audit_event_actor_idx on audit_event (actor_id, occurred_at desc);
      create index audit_event_targets_idx on audit_event using gin (targets jsonb_path_ops);

      create function audit_event_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % refused', tg_op
          using errcode = 'insufficient_privilege';
      end
      $$;
      create trigger audit_event_no_update_or_delete before update or delete on audit_event
        for each row execute function audit_event_refuse_change();
      create trigger audit_event_no_truncate before truncate on audit_event
        for each statement execute function audit_event_refuse_change();
      revoke update, delete, truncate on audit_event from public;
    `);
  }
}
