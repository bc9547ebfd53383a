import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { Actor, ActorOf, TenantScope, TenantStatus } from './actor';

/**
 * The one place that decides who may do what. Resolvers call these before touching data;
 * services then scope every query by the tenant these return.
 */
function requireKind<K extends Actor['kind']>(actor: Actor, ...kinds: K[]): ActorOf<K> {
  if (actor.kind === 'ANONYMOUS') throw new UnauthenticatedError();
  if (!(kinds as string[]).includes(actor.kind)) {
    throw new ForbiddenError(`this operation needs a ${kinds.join(' or ')} credential`);
  }
  return actor as ActorOf<K>;
}

export const requireDevice = (actor: Actor) => requireKind(actor, 'DEVICE');
export const requireUser = (actor: Actor) => requireKind(actor, 'USER');
export const requireApiKey = (actor: Actor) => requireKind(actor, 'API_KEY');
export const requireOperator = (actor: Actor) => requireKind(actor, 'OPERATOR');

export function requirePlatformAdmin(actor: Actor): ActorOf<'OPERATOR'> {
  const operator = requireOperator(actor);
  if (operator.role !== 'PLATFORM_ADMIN') throw new ForbiddenError('platform admins only');
  return operator;
}

/**
 * The audit log is for operators only: platform admins read every tenant's, a tenant's admins
 * and viewers their own (`readableTenant` narrows it). API keys, users and devices read none.
 */
export const requireAuditReader = (actor: Actor) => requireOperator(actor);

/** 'ALL' for platform admins; otherwise the one tenant the caller may read. */
export function readScope(actor: Actor): TenantScope {
  const reader = requireKind(actor, 'OPERATOR', 'API_KEY');
  if (reader.kind === 'OPERATOR' && reader.role === 'PLATFORM_ADMIN') return 'ALL';
  if (!reader.tenantId) throw new ForbiddenError('operator has no tenant');
  return reader.tenantId;
}

/**
 * Changing a library's files (trash): 'ALL' for platform admins; the tenant of a tenant admin
 * or API key. Viewers read only.
 */
export function manageScope(actor: Actor): TenantScope {
  const manager = requireKind(actor, 'OPERATOR', 'API_KEY');
  if (manager.kind === 'API_KEY') return manager.tenantId;
  if (manager.role === 'PLATFORM_ADMIN') return 'ALL';
  if (manager.role !== 'TENANT_ADMIN' || !manager.tenantId) {
    throw new ForbiddenError('viewers cannot change files');
  }
  return manager.tenantId;
}

/** Whether the caller may read inside `tenantId` (operators, API keys). */
export function canReadTenant(actor: Actor, tenantId: string): boolean {
  const scope = readScope(actor);
  return scope === 'ALL' || scope === tenantId;
}

/** Managing keys and devices: platform admins, tenant admins of that tenant, its API keys. */
export function canManageTenant(actor: Actor, tenantId: string): boolean {
  const manager = requireKind(actor, 'OPERATOR', 'API_KEY');
  if (manager.kind === 'API_KEY') return manager.tenantId === tenantId;
  if (manager.role === 'PLATFORM_ADMIN') return true;
  return manager.role === 'TENANT_ADMIN' && manager.tenantId === tenantId;
}

/** API key management stays with operators: a key must not mint or revoke keys. */
export function canManageApiKeys(actor: Actor, tenantId: string): boolean {
  const operator = requireOperator(actor);
  if (operator.role === 'PLATFORM_ADMIN') return true;
  return operator.role === 'TENANT_ADMIN' && operator.tenantId === tenantId;
}

/** What a request does to a tenant's data: GraphQL mutations and chunk uploads write. */
export type Access = 'read' | 'write';

/** A suspended tenant may do nothing; a read-only one may read and restore but not write. */
export function checkTenantStatus(status: TenantStatus, access: Access): void {
  if (status === 'SUSPENDED') throw new ForbiddenError('this tenant is suspended');
  if (status === 'READ_ONLY' && access === 'write') {
    throw new ForbiddenError('this tenant is read-only');
  }
}

/**
 * Tenant status binds the tenant's own credentials (API keys, users, devices). Operators are
 * not bound: platform admins must be able to lift a suspension, and operators only administer.
 */
export function requireTenantAccess(actor: Actor, access: Access): void {
  if (actor.kind === 'API_KEY' || actor.kind === 'USER' || actor.kind === 'DEVICE') {
    checkTenantStatus(actor.tenantStatus, access);
  }
}
