import { canAdministerTenant, canReadTenant, requireOperator } from '../auth/policy';
import { ForbiddenError, NotFoundError } from '../errors';
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers';
import { checkId } from '../identity/ids';
import { checkPartnerIdpInput } from '../partners/partner-idp-input';
import { checkSettingsInput } from '../settings/settings-input';
import type { RequestContext } from './context';

/** A tenant the caller may read, or NOT_FOUND: other tenants' ids reveal nothing. */
async function readableSettings(ctx: RequestContext, id: string) {
  const tenantId = checkId(id, 'tenantId');
  const tenant = canReadTenant(ctx.actor, tenantId)
    ? await ctx.services.settings.get(tenantId)
    : null;
  if (!tenant) throw new NotFoundError('tenant', tenantId);
  return tenant;
}

/** Readable first (NOT_FOUND otherwise), then administered (FORBIDDEN for viewers). */
async function administeredTenant(ctx: RequestContext, id: string): Promise<string> {
  requireOperator(ctx.actor);
  const tenant = await readableSettings(ctx, id);
  if (!canAdministerTenant(ctx.actor, tenant.id)) throw new ForbiddenError('tenant admins only');
  return tenant.id;
}

/** The tenant of an identity provider the caller administers; NOT_FOUND outside its reach. */
async function administeredIdpTenant(ctx: RequestContext, id: string): Promise<string> {
  const operator = requireOperator(ctx.actor);
  const tenantId =
    operator.role === 'PLATFORM_ADMIN'
      ? await ctx.services.partnerIdps.tenantOf(id)
      : operator.tenantId;
  if (!tenantId) throw new NotFoundError('identity provider', id);
  if (!canAdministerTenant(operator, tenantId)) throw new ForbiddenError('tenant admins only');
  return tenantId;
}

const idpInputOptions = (ctx: RequestContext) => ({
  allowHttpJwks: ctx.services.config.partnerJwksAllowHttp,
});

export const settingsQueries: QueryResolvers<RequestContext> = {
  tenantSettings: (_, args, ctx) => readableSettings(ctx, args.tenantId),
};

export const settingsMutations: MutationResolvers<RequestContext> = {
  updateTenantSettings: async (_, args, ctx) => {
    const tenantId = await administeredTenant(ctx, args.tenantId);
    const tenant = await ctx.services.settings.update(tenantId, checkSettingsInput(args.input));
    if (!tenant) throw new NotFoundError('tenant', tenantId);
    return tenant;
  },
  registerPartnerIdp: async (_, args, ctx) => {
    const tenantId = await administeredTenant(ctx, args.tenantId);
    const settings = await checkPartnerIdpInput(args.input, idpInputOptions(ctx));
    return ctx.services.partnerIdps.register(tenantId, settings);
  },
  updatePartnerIdp: async (_, args, ctx) => {
    const id = checkId(args.id);
    const tenantId = await administeredIdpTenant(ctx, id);
    const settings = await checkPartnerIdpInput(args.input, idpInputOptions(ctx));
    const idp = await ctx.services.partnerIdps.update(tenantId, id, settings);
    if (!idp) throw new NotFoundError('identity provider', id);
    return idp;
  },
  removePartnerIdp: async (_, args, ctx) => {
    const id = checkId(args.id);
    const tenantId = await administeredIdpTenant(ctx, id);
    const idp = await ctx.services.partnerIdps.remove(tenantId, id);
    if (!idp) throw new NotFoundError('identity provider', id);
    return idp;
  },
  signInWithPartnerToken: (_, args, ctx) =>
    ctx.services.partnerSignIn.signIn(checkId(args.tenantId, 'tenantId'), args.token),
};
