import type { MikroORM } from '@mikro-orm/postgresql';
import { raw } from '@mikro-orm/postgresql';
import type pg from 'pg';
import type { TenantScope } from '../auth/actor';
import { ALL_TENANTS } from '../auth/actor';
import type { AuditEventRow } from '../db/entities';
import { AuditEventEntity } from '../db/entities';
import type { PageArgs } from '../identity/scoped-em';
import { platformEm, tenantEm } from '../identity/scoped-em';
import type { Logger } from '../logger';
import type { AuditEventInput } from './audit-event';
import { insertEvents } from './audit-writes';
import { DataPlaneAudit } from './data-plane-audit';

export interface AuditFilter {
  actorKind: AuditEventRow['actorKind'] | null;
  actorId: string | null;
  operation: string | null;
  /** Events naming this record among their targets, whatever its kind. */
  targetId: string | null;
  outcome: string | null;
  since: Date | null;
  until: Date | null;
}

/** Events kept for another try when a write fails; past this they are logged and dropped. */
const maxPending = 10_000;
const retryBatch = 500;
const tickMs = 10_000;

/**
 * The append-only audit log: writes events (the application only ever inserts and selects
 * here), aggregates data-plane uploads, and lists events for the `auditEvents` query.
 *
 * GraphQL events are written right after their resolver, before the answer goes out, but in a
 * transaction of their own: resolvers keep theirs in many places, and a mutation that succeeded
 * must not be answered as failed because its audit row could not be written. So `record` never
 * throws: a failed write is logged at error level with the whole (already redacted) event and
 * kept in memory, retried every few seconds and at shutdown, and logged again if dropped.
 */
export class AuditLog {
  readonly dataPlane = new DataPlaneAudit();
  private pending: AuditEventInput[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly orm: MikroORM,
    private readonly log: Logger,
  ) {}

  async record(events: readonly AuditEventInput[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await insertEvents(this.pool, events);
    } catch (error) {
      this.keep(events, error);
    }
  }

  /** Every `tickMs`: data-plane minutes that are over, and events an earlier write failed on. */
  start(): void {
    this.timer ??= setInterval(() => void this.flush(false), tickMs);
    this.timer.unref();
  }

  /** Writes what is waiting; `everything` also writes the data-plane minute still running. */
  async flush(everything = true): Promise<void> {
    await this.record(this.dataPlane.take(Date.now(), everything));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, retryBatch);
      try {
        await insertEvents(this.pool, batch);
        this.log.warn({ written: batch.length }, 'audit events written after an earlier failure');
      } catch (error) {
        this.pending.unshift(...batch);
        this.log.error(
          { err: error, pending: this.pending.length },
          'audit events still unwritten',
        );
        return;
      }
    }
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush(true);
    if (this.pending.length > 0) {
      this.log.error({ events: this.pending }, 'audit events lost at shutdown: they are only here');
    }
  }

  async list(scope: TenantScope, filter: AuditFilter, page: PageArgs) {
    const everyTenant = scope === ALL_TENANTS;
    const em = everyTenant ? platformEm(this.orm) : tenantEm(this.orm, scope);
    const occurredAt = {
      ...(filter.since ? { $gte: filter.since } : {}),
      ...(filter.until ? { $lt: filter.until } : {}),
    };
    const where = {
      ...(filter.actorKind ? { actorKind: filter.actorKind } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.operation ? { operation: filter.operation } : {}),
      ...(filter.targetId ? namesTarget(filter.targetId) : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.since || filter.until ? { occurredAt } : {}),
    };
    const [items, total] = await em.findAndCount(AuditEventEntity, where, {
      orderBy: { occurredAt: 'desc', seq: 'desc' },
      filters: everyTenant ? false : {},
      ...page,
    });
    return { items, total };
  }

  private keep(events: readonly AuditEventInput[], error: unknown): void {
    const room = Math.max(0, maxPending - this.pending.length);
    this.pending.push(...events.slice(0, room));
    this.log.error(
      { err: error, events, pending: this.pending.length },
      'audit events could not be written; kept in memory to retry',
    );
    if (events.length > room) {
      this.log.error(
        { events: events.slice(room) },
        'audit events dropped: the retry buffer is full, they are only in this line',
      );
    }
  }
}

/** Containment (`@>`) rather than a scan of each array, so the GIN index on targets serves it. */
function namesTarget(id: string) {
  const fragment = raw<AuditEventRow, string>(
    (alias) => `${alias}.targets @> ?::jsonb`,
    [JSON.stringify([{ id }])],
  );
  return { [fragment]: [] };
}
