import { requireOperator, requirePlatformAdmin } from '../auth/policy';
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers';
import { checkPage } from '../identity/scoped-em';
import type { RequestContext } from './context';
import { readableTenant } from './access';

export const scrubQueries: QueryResolvers<RequestContext> = {
  scrubFindings: (_, args, ctx) => {
    requireOperator(ctx.actor);
    const filter = { kind: args.kind ?? null, resolved: args.resolved ?? null };
    return ctx.services.scrub.findings(readableTenant(ctx, args.tenantId), filter, checkPage(args));
  },
};

export const scrubMutations: MutationResolvers<RequestContext> = {
  runScrub: (_, __, ctx) => {
    requirePlatformAdmin(ctx.actor);
    return ctx.services.scrub.requestRun();
  },
};
