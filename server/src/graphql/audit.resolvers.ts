import { ErrorCode } from '@cairn/schema';
import type { AuditFilter } from '../audit/audit-log';
import { outcomeOk } from '../audit/audit-event';
import { requireAuditReader } from '../auth/policy';
import { BadInputError } from '../errors';
import type { QueryAuditEventsArgs, QueryResolvers, Resolvers } from '../generated/resolvers';
import { checkOptionalId } from '../identity/ids';
import { checkPage } from '../identity/scoped-em';
import type { RequestContext } from './context';
import { readableTenant } from './access';

const outcomes = new Set<string>([outcomeOk, ...Object.values(ErrorCode)]);
const operationPattern = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;
/** Target ids are stored cut to 100 characters: a longer filter could name no stored id. */
const maxTargetIdLength = 100;

export const auditQueries: QueryResolvers<RequestContext> = {
  auditEvents: (_, args, ctx) => {
    requireAuditReader(ctx.actor);
    const tenant = readableTenant(ctx, args.tenantId);
    return ctx.services.audit.list(tenant, auditFilter(args), checkPage(args));
  },
};

export const auditTypes: Resolvers<RequestContext> = {
  AuditEvent: {
    arguments: (event) => JSON.stringify(event.arguments),
  },
};

function auditFilter(args: QueryAuditEventsArgs): AuditFilter {
  const { operation, outcome, targetId } = args;
  if (operation != null && !operationPattern.test(operation)) {
    throw new BadInputError('operation must be a mutation name or data-plane action');
  }
  if (targetId != null && (targetId === '' || targetId.length > maxTargetIdLength)) {
    throw new BadInputError(`targetId must be 1 to ${maxTargetIdLength} characters`);
  }
  if (outcome != null && !outcomes.has(outcome)) {
    throw new BadInputError(`outcome must be ${[...outcomes].join(', ')}`);
  }
  const since = args.since ? new Date(args.since) : null;
  const until = args.until ? new Date(args.until) : null;
  if (since && until && since >= until) throw new BadInputError('since must be before until');
  return {
    actorKind: args.actorKind ?? null,
    actorId: checkOptionalId(args.actorId, 'actorId'),
    operation: operation ?? null,
    targetId: targetId ?? null,
    outcome: outcome ?? null,
    since,
    until,
  };
}
