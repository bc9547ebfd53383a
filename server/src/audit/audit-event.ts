import type { Actor } from '../auth/actor';
import type { AuditEventRow, AuditItemsRow, AuditTargetRow } from '../db/entities';

/** What one audit row says; `AuditLog` gives it its id and order. */
export type AuditEventInput = Omit<AuditEventRow, 'id' | 'seq'>;
export type AuditTarget = AuditTargetRow;
export type AuditItems = AuditItemsRow;

/** Who called and over what connection: the same for every event of one request. */
export interface CallerMeta {
  actor: Actor;
  requestId: string | null;
  clientIp: string | null;
  userAgent: string | null;
}

export const outcomeOk = 'OK';

/** The id that names the actor: the operator, API key, end user or device. */
export function actorIdOf(actor: Actor): string | null {
  switch (actor.kind) {
    case 'ANONYMOUS':
      return null;
    case 'OPERATOR':
      return actor.operatorId;
    case 'API_KEY':
      return actor.apiKeyId;
    case 'USER':
      return actor.userId;
    case 'DEVICE':
      return actor.deviceId;
  }
}

/** The actor's own tenant; null for platform admins and anonymous callers. */
export function actorTenantOf(actor: Actor): string | null {
  return actor.kind === 'ANONYMOUS' ? null : actor.tenantId;
}

/** Header values are the client's to choose: kept short so a row stays small. */
export function clip(text: string | null | undefined, max = 300): string | null {
  if (text === null || text === undefined) return null;
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
