import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AuditEventInput } from './audit-event';

/** PostgreSQL text and jsonb hold neither NUL nor unpaired surrogates; a client may send both. */
const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const storable = (_key: string, value: unknown) =>
  typeof value === 'string' ? value.replace(unstorable, '\uFFFD') : value;

/** Appends events in one statement: one round trip whatever their number. */
export async function insertEvents(
  pool: pg.Pool,
  events: readonly AuditEventInput[],
): Promise<void> {
  const rows = events.map((event) => ({
    id: randomUUID(),
    occurred_at: event.occurredAt.toISOString(),
    tenant_id: event.tenantId,
    actor_kind: event.actorKind,
    actor_id: event.actorId,
    operation: event.operation,
    targets: event.targets,
    outcome: event.outcome,
    client_ip: event.clientIp,
    user_agent: event.userAgent,
    request_id: event.requestId,
    arguments: event.arguments,
    items: event.items,
  }));
  await pool.query(
    `insert into audit_event (id, occurred_at, tenant_id, actor_kind, actor_id, operation, targets,
                              outcome, client_ip, user_agent, request_id, arguments, items)
     select * from jsonb_to_recordset($1::jsonb) as e(
       id uuid, occurred_at timestamptz, tenant_id uuid, actor_kind text, actor_id uuid,
       operation text, targets jsonb, outcome text, client_ip text, user_agent text,
       request_id text, arguments jsonb, items jsonb)`,
    [JSON.stringify(rows, storable)],
  );
}
