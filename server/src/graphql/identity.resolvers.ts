import {
  canAdministerTenant,
  canManageTenant,
  canReadTenant,
  readScope,
  requireApiKey,
  requireOperator,
  requirePlatformAdmin,
  requireUser,
} from '../auth/policy';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers';
import { checkId } from '../identity/ids';
import { checkPage } from '../identity/scoped-em';
import type { RequestContext } from './context';
import { readableTenant, visibleUser } from './access';

export const identityQueries: QueryResolvers<RequestContext> = {
  viewer: async (_, __, ctx) => {
    const { actor } = ctx;
    if (actor.kind === 'ANONYMOUS') throw new UnauthenticatedError();
    const operator =
      actor.kind === 'OPERATOR' ? await ctx.services.operators.get(actor.operatorId) : null;
    const apiKey =
      actor.kind === 'API_KEY'
        ? await ctx.services.apiKeys.get(actor.tenantId, actor.apiKeyId)
        : null;
    return {
      kind: actor.kind,
      tenantId: actor.tenantId,
      operator,
      apiKey,
      sessionRestriction: actor.kind === 'OPERATOR' ? actor.restriction : null,
      userId: actor.kind === 'USER' || actor.kind === 'DEVICE' ? actor.userId : null,
      deviceId: actor.kind === 'DEVICE' ? actor.deviceId : null,
    };
  },
  tenants: (_, args, ctx) => ctx.services.tenants.list(readScope(ctx.actor), checkPage(args)),
  tenant: async (_, args, ctx) => {
    const id = checkId(args.id);
    const tenant = canReadTenant(ctx.actor, id) ? await ctx.services.tenants.get(id) : null;
    if (!tenant) throw new NotFoundError('tenant', id);
    return tenant;
  },
  operators: (_, args, ctx) => {
    requireOperator(ctx.actor);
    return ctx.services.operators.list(readableTenant(ctx, args.tenantId), checkPage(args));
  },
  apiKeys: (_, args, ctx) => {
    requireOperator(ctx.actor);
    const tenantId = readableTenant(ctx, args.tenantId);
    if (tenantId === 'ALL') throw new NotFoundError('tenant', args.tenantId);
    return ctx.services.apiKeys.list(tenantId, checkPage(args));
  },
  endUsers: (_, args, ctx) =>
    ctx.services.endUsers.list(readableTenant(ctx, args.tenantId), checkPage(args)),
  endUser: (_, args, ctx) => visibleUser(ctx, args.id),
  devices: async (_, args, ctx) => {
    const page = checkPage(args);
    if (args.userId) {
      const user = await visibleUser(ctx, args.userId);
      return ctx.services.devices.list(user.tenantId, { userId: user.id }, page);
    }
    return ctx.services.devices.list(readableTenant(ctx, args.tenantId), { userId: null }, page);
  },
  device: async (_, args, ctx) => {
    const id = checkId(args.id);
    const scope = readScope(ctx.actor);
    const tenantId = scope === 'ALL' ? await ctx.services.devices.tenantOf(id) : scope;
    const device = tenantId ? await ctx.services.devices.get(tenantId, id) : null;
    if (!device) throw new NotFoundError('device', id);
    return device;
  },
};

export const identityMutations: MutationResolvers<RequestContext> = {
  createTenant: (_, args, ctx) => {
    requirePlatformAdmin(ctx.actor);
    return ctx.services.tenants.create(args.input.name, args.input.conflictPolicy ?? 'KEEP_BOTH');
  },
  setTenantStatus: async (_, args, ctx) => {
    requirePlatformAdmin(ctx.actor);
    const id = checkId(args.id);
    const tenant = await ctx.services.tenants.setStatus(id, args.status);
    if (!tenant) throw new NotFoundError('tenant', id);
    return tenant;
  },
  createApiKey: async (_, args, ctx) => {
    const tenantId = checkId(args.tenantId, 'tenantId');
    requireOperator(ctx.actor);
    const tenant = canReadTenant(ctx.actor, tenantId)
      ? await ctx.services.tenants.get(tenantId)
      : null;
    if (!tenant) throw new NotFoundError('tenant', tenantId);
    if (!canAdministerTenant(ctx.actor, tenantId)) throw new ForbiddenError('tenant admins only');
    return ctx.services.apiKeys.create(tenantId, {
      name: args.name,
      scopes: args.scopes,
      expiresAt: args.expiresAt ? new Date(args.expiresAt) : null,
    });
  },
  revokeApiKey: async (_, args, ctx) => {
    const id = checkId(args.id);
    const operator = requireOperator(ctx.actor);
    const tenantId =
      operator.role === 'PLATFORM_ADMIN'
        ? await ctx.services.apiKeys.tenantOf(id)
        : operator.tenantId;
    if (!tenantId) throw new NotFoundError('API key', id);
    if (!canAdministerTenant(operator, tenantId)) throw new ForbiddenError('tenant admins only');
    const apiKey = await ctx.services.apiKeys.revoke(tenantId, id);
    if (!apiKey) throw new NotFoundError('API key', id);
    return apiKey;
  },
  upsertEndUser: (_, args, ctx) =>
    ctx.services.endUsers.upsert(requireApiKey(ctx.actor).tenantId, args.externalId),
  mintUserToken: (_, args, ctx) => {
    const key = requireApiKey(ctx.actor);
    return ctx.services.endUsers.mintToken(key.tenantId, args.externalId, {
      source: { key: key.apiKeyId },
      ttlSeconds: args.ttlSeconds ?? 3600,
      notAfter: key.expiresAt,
    });
  },
  registerDevice: (_, args, ctx) => {
    const user = requireUser(ctx.actor);
    return ctx.services.devices.register(user.tenantId, user.userId, args.input);
  },
  revokeDevice: async (_, args, ctx) => {
    const id = checkId(args.id);
    const scope = readScope(ctx.actor);
    const tenantId = scope === 'ALL' ? await ctx.services.devices.tenantOf(id) : scope;
    if (!tenantId) throw new NotFoundError('device', id);
    if (!canManageTenant(ctx.actor, tenantId)) throw new ForbiddenError('tenant admins only');
    const device = await ctx.services.devices.revoke(tenantId, id);
    if (!device) throw new NotFoundError('device', id);
    return device;
  },
};
