import { randomUUID } from 'node:crypto';
import type { GqlResult } from './api';
import { gqlOk } from './api';

export interface AuditEventView {
  id: string;
  occurredAt: string;
  tenantId: string | null;
  actorKind: string;
  actorId: string | null;
  operation: string;
  targets: { kind: string; id: string }[];
  outcome: string;
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  arguments: string;
  items: { total: number; failed: number; failureCodes: string[] } | null;
}

export const auditEventFields = `id occurredAt tenantId actorKind actorId operation
  targets { kind id } outcome clientIp userAgent requestId arguments
  items { total failed failureCodes }`;

export const auditEventsQuery = `query(
    $tenantId: ID, $actorKind: AuditActorKind, $actorId: ID, $operation: String,
    $targetId: ID, $outcome: String, $since: DateTime, $until: DateTime, $offset: Int,
    $limit: Int) {
  auditEvents(tenantId: $tenantId, actorKind: $actorKind, actorId: $actorId,
    operation: $operation, targetId: $targetId, outcome: $outcome, since: $since,
    until: $until, offset: $offset, limit: $limit) {
    total items { ${auditEventFields} } } }`;

export async function auditEvents(
  url: string,
  token: string,
  filter: Record<string, unknown> = {},
): Promise<{ total: number; items: AuditEventView[] }> {
  const data = await gqlOk<{ auditEvents: { total: number; items: AuditEventView[] } }>(
    url,
    auditEventsQuery,
    { limit: 500, ...filter },
    token,
  );
  return data.auditEvents;
}

export const testUserAgent = 'cairn-audit-test/1.0';

/**
 * One GraphQL call over HTTP carrying its own X-Request-Id and User-Agent, so the test can find
 * the audit event it made.
 */
export async function tracedGql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResult<T> & { requestId: string }> {
  const requestId = randomUUID();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      'user-agent': testUserAgent,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T | null; errors?: GqlResult<T>['errors'] };
  return { status: res.status, data: body.data ?? null, errors: body.errors, requestId };
}

/** The events one request made, read as a platform admin (who sees tenant-less events too). */
export async function eventsOfRequest(
  url: string,
  adminToken: string,
  requestId: string,
  filter: Record<string, unknown> = {},
): Promise<AuditEventView[]> {
  const { items } = await auditEvents(url, adminToken, filter);
  return items.filter((event) => event.requestId === requestId);
}
