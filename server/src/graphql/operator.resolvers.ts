import {
  canSeeOperator,
  checkNotSelf,
  requireOperator,
  requireOperatorManager,
  requireOperatorSession,
  requirePlatformAdmin,
  tenantForNewOperator,
} from '../auth/policy';
import type { OperatorRow } from '../db/entities';
import { NotFoundError } from '../errors';
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers';
import { checkId, checkOptionalId } from '../identity/ids';
import type { RequestContext } from './context';

export const operatorQueries: QueryResolvers<RequestContext> = {
  operator: async (_, args, ctx) => {
    requireOperator(ctx.actor);
    return visibleOperator(ctx, args.id);
  },
};

export const operatorMutations: MutationResolvers<RequestContext> = {
  login: (_, args, ctx) => ctx.services.operatorLogin.login(args, ctx.clientIp),
  refreshSession: (_, args, ctx) => ctx.services.operatorLogin.refresh(args.refreshToken),
  logout: (_, __, ctx) => ctx.services.operatorLogin.logout(requireOperatorSession(ctx.actor)),
  startTotpEnrolment: (_, __, ctx) =>
    ctx.services.operatorSelf.startTotpEnrolment(requireOperatorSession(ctx.actor)),
  confirmTotpEnrolment: (_, args, ctx) =>
    ctx.services.operatorSelf.confirmTotpEnrolment(requireOperatorSession(ctx.actor), args.code),
  changePassword: (_, args, ctx) =>
    ctx.services.operatorSelf.changePassword(
      requireOperatorSession(ctx.actor),
      args.currentPassword,
      args.newPassword,
      ctx.clientIp,
    ),

  createOperator: async (_, { input }, ctx) => {
    const manager = requireOperatorManager(ctx.actor);
    const named = checkOptionalId(input.tenantId, 'tenantId');
    const tenantId = tenantForNewOperator(manager, input.role, named);
    if (tenantId && !(await ctx.services.tenants.get(tenantId))) {
      throw new NotFoundError('tenant', tenantId);
    }
    return ctx.services.operatorAdmin.create({ email: input.email, role: input.role, tenantId });
  },
  disableOperator: async (_, args, ctx) =>
    ctx.services.operatorAdmin.setDisabled(await manageableOperator(ctx, args.id), true),
  enableOperator: async (_, args, ctx) =>
    ctx.services.operatorAdmin.setDisabled(await manageableOperator(ctx, args.id), false),
  deleteOperator: async (_, args, ctx) =>
    ctx.services.operatorAdmin.delete(await manageableOperator(ctx, args.id)),
  resetOperatorPassword: async (_, args, ctx) => {
    const admin = requirePlatformAdmin(ctx.actor);
    const target = await visibleOperator(ctx, args.id);
    checkNotSelf(admin, target);
    return ctx.services.operatorAdmin.resetPassword(target, args.resetTotp ?? false);
  },
};

/** Another tenant's operator is NOT_FOUND, never FORBIDDEN: its id reveals nothing. */
async function visibleOperator(ctx: RequestContext, id: string): Promise<OperatorRow> {
  const operatorId = checkId(id);
  const operator = await ctx.services.operators.get(operatorId);
  if (!operator || !canSeeOperator(ctx.actor, operator)) {
    throw new NotFoundError('operator', operatorId);
  }
  return operator;
}

async function manageableOperator(ctx: RequestContext, id: string): Promise<OperatorRow> {
  const manager = requireOperatorManager(ctx.actor);
  const target = await visibleOperator(ctx, id);
  checkNotSelf(manager, target);
  return target;
}
