import type { AuditEventInput } from './audit-event';
import { clip, outcomeOk } from './audit-event';

export type DataPlaneAction = 'chunk.put' | 'chunk-bundle.post';

/** One data-plane request's share of a minute: its chunks with one outcome. */
export interface DataPlaneNote {
  action: DataPlaneAction;
  /** From the verified chunk token; null when the request carried none that verified. */
  sender: { tenantId: string; userId: string; deviceId?: string } | null;
  outcome: string;
  chunks: number;
  bytes: number;
  clientIp: string | null;
  userAgent: string | null;
}

interface Minute {
  note: DataPlaneNote;
  startsAt: number;
  requests: number;
  chunks: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
}

const minuteMs = 60_000;
/** Distinct windows held at once; past it, new senders share one window without IP or agent. */
const maxWindows = 20_000;

/**
 * Chunk uploads are the hot path (hundreds a second from one device), so they are counted in
 * memory and become one audit event per sender, action, outcome, client and minute, written
 * when the minute is over. A chunk is only reachable once a commit names it, and every commit
 * is a GraphQL mutation audited on its own; what a crash can lose here is at most the last
 * minute's upload counts.
 */
export class DataPlaneAudit {
  private readonly windows = new Map<string, Minute>();

  note(entry: DataPlaneNote, now = Date.now()): void {
    const startsAt = Math.floor(now / minuteMs) * minuteMs;
    let key = windowKey(startsAt, entry);
    if (!this.windows.has(key) && this.windows.size >= maxWindows) {
      entry = { ...entry, clientIp: null, userAgent: null };
      key = windowKey(startsAt, entry);
    }
    const window = this.windows.get(key) ?? {
      note: entry,
      startsAt,
      requests: 0,
      chunks: 0,
      bytes: 0,
      firstAt: now,
      lastAt: now,
    };
    window.requests += 1;
    window.chunks += entry.chunks;
    window.bytes += entry.bytes;
    window.lastAt = now;
    this.windows.set(key, window);
  }

  /** Takes the windows whose minute is over (all of them with `everything`) as events. */
  take(now: number, everything: boolean): AuditEventInput[] {
    const current = Math.floor(now / minuteMs) * minuteMs;
    const events: AuditEventInput[] = [];
    for (const [key, window] of this.windows) {
      if (!everything && window.startsAt >= current) continue;
      this.windows.delete(key);
      events.push(eventOf(window));
    }
    return events;
  }
}

function windowKey(startsAt: number, note: DataPlaneNote): string {
  const { sender } = note;
  return JSON.stringify([
    startsAt,
    note.action,
    note.outcome,
    sender?.tenantId ?? null,
    sender?.userId ?? null,
    sender?.deviceId ?? null,
    note.clientIp,
    note.userAgent,
  ]);
}

function eventOf(window: Minute): AuditEventInput {
  const { note } = window;
  const { sender } = note;
  const failed = note.outcome === outcomeOk ? 0 : window.chunks;
  return {
    occurredAt: new Date(window.startsAt),
    tenantId: sender?.tenantId ?? null,
    actorKind: sender ? (sender.deviceId ? 'DEVICE' : 'USER') : 'ANONYMOUS',
    actorId: sender ? (sender.deviceId ?? sender.userId) : null,
    operation: note.action,
    targets: sender ? [{ kind: 'EndUser', id: sender.userId }] : [],
    outcome: note.outcome,
    clientIp: note.clientIp,
    userAgent: clip(note.userAgent),
    requestId: null,
    arguments: {
      requests: window.requests,
      chunks: window.chunks,
      bytes: String(window.bytes),
      firstAt: new Date(window.firstAt).toISOString(),
      lastAt: new Date(window.lastAt).toISOString(),
    },
    items: {
      total: window.chunks,
      failed,
      failureCodes: failed > 0 ? [note.outcome] : [],
    },
  };
}
