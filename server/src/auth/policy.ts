import type { ApiKeyScope } from '@cairn/schema';
import { apiKeyScopeNames } from '@cairn/schema';
import type { OperatorRow } from '../db/entities';
import { BadInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import type { Mutation, Query, Subscription } from '../generated/resolvers';
import type { Actor, ActorOf, SessionRestriction, TenantScope, TenantStatus } from './actor';

/**
 * The one place that decides who may do what. Resolvers call these before touching data;
 * services then scope every query by the tenant these return.
 */
function requireKind<K extends Actor['kind']>(actor: Actor, ...kinds: K[]): ActorOf<K> {
  if (actor.kind === 'ANONYMOUS') throw new UnauthenticatedError();
  if (actor.kind === 'OPERATOR' && actor.restriction) {
    throw restrictedSessionError(actor.restriction);
  }
  if (!(kinds as string[]).includes(actor.kind)) {
    throw new ForbiddenError(`this operation needs a ${kinds.join(' or ')} credential`);
  }
  return actor as ActorOf<K>;
}

/** Admins must have a second factor; a password someone else chose must be replaced first. */
export function sessionRestrictionFor(
  operator: Pick<OperatorRow, 'role' | 'mustChangePassword' | 'totpEnabledAt'>,
): SessionRestriction | null {
  if (operator.mustChangePassword) return 'PASSWORD_CHANGE_REQUIRED';
  if (operator.role !== 'TENANT_VIEWER' && !operator.totpEnabledAt) {
    return 'TOTP_ENROLMENT_REQUIRED';
  }
  return null;
}

/** What a restricted session may call, besides reading `viewer` and logging out. */
const stepOperations: Record<SessionRestriction, readonly string[]> = {
  TOTP_ENROLMENT_REQUIRED: ['startTotpEnrolment', 'confirmTotpEnrolment'],
  PASSWORD_CHANGE_REQUIRED: ['changePassword'],
};
const anySessionOperations = ['viewer', 'logout', '__typename'];

const restrictionMessages: Record<SessionRestriction, string> = {
  TOTP_ENROLMENT_REQUIRED:
    'TOTP enrolment is required first: startTotpEnrolment, then confirmTotpEnrolment with a code',
  PASSWORD_CHANGE_REQUIRED: 'a new password is required first: changePassword',
};

function restrictedSessionError(restriction: SessionRestriction): ForbiddenError {
  return new ForbiddenError(restrictionMessages[restriction], { reason: restriction });
}

/** Refuses an operation whose root fields a restricted session may not call. */
export function checkSessionRestriction(actor: Actor, rootFields: readonly string[]): void {
  if (actor.kind !== 'OPERATOR' || !actor.restriction) return;
  const allowed = [...anySessionOperations, ...stepOperations[actor.restriction]];
  if (rootFields.some((field) => !allowed.includes(field))) {
    throw restrictedSessionError(actor.restriction);
  }
}

/**
 * Any signed-in operator, restricted sessions included: for the steps a restricted session
 * exists to take (the operation guard has already kept it to those).
 */
export function requireOperatorSession(actor: Actor): ActorOf<'OPERATOR'> {
  if (actor.kind === 'ANONYMOUS') throw new UnauthenticatedError();
  if (actor.kind !== 'OPERATOR') throw new ForbiddenError('this operation is for operators');
  return actor;
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

/**
 * API keys, tenant settings and partner identity providers stay with operators: a key must not
 * mint keys or change how users sign in. Platform admins, and the tenant's own admins.
 */
export function canAdministerTenant(actor: Actor, tenantId: string): boolean {
  const operator = requireOperator(actor);
  if (operator.role === 'PLATFORM_ADMIN') return true;
  return operator.role === 'TENANT_ADMIN' && operator.tenantId === tenantId;
}

/**
 * Field-level rule: configuration that helps an attacker (API key prefixes and scopes, how a
 * partner identity provider is trusted) is shown to those who administer the tenant only.
 */
export function seesConfigurationOf(actor: Actor, tenantId: string): boolean {
  if (actor.kind !== 'OPERATOR') return false;
  if (actor.role === 'PLATFORM_ADMIN') return true;
  return actor.role === 'TENANT_ADMIN' && actor.tenantId === tenantId;
}

/** A key may read its own scopes and prefix (the viewer query), besides the tenant's admins. */
export function seesApiKeyDetails(actor: Actor, key: { id: string; tenantId: string }): boolean {
  return (
    (actor.kind === 'API_KEY' && actor.apiKeyId === key.id) ||
    seesConfigurationOf(actor, key.tenantId)
  );
}

/**
 * What an API key needs to call each root field: a scope, nothing (ANY_KEY: only the viewer, so a
 * key can learn what it is), or never (NO_KEY). Typed over every field of the schema, so a new
 * field does not compile until it is given a rule here.
 */
type ScopeRule = ApiKeyScope | 'ANY_KEY' | 'NO_KEY';
type RootFields<T> = Exclude<keyof T, '__typename'>;

export const apiKeyRules: {
  query: Record<RootFields<Query>, ScopeRule>;
  mutation: Record<RootFields<Mutation>, ScopeRule>;
  subscription: Record<RootFields<Subscription>, ScopeRule>;
} = {
  query: {
    viewer: 'ANY_KEY',
    tenants: 'TENANT_READ',
    tenant: 'TENANT_READ',
    tenantSettings: 'TENANT_READ',
    operators: 'NO_KEY',
    apiKeys: 'NO_KEY',
    endUsers: 'USERS_READ',
    endUser: 'USERS_READ',
    devices: 'DEVICES_READ',
    device: 'DEVICES_READ',
    files: 'FILES_READ',
    file: 'FILES_READ',
    versions: 'FILES_READ',
    version: 'FILES_READ',
    trash: 'FILES_READ',
    libraryAt: 'FILES_READ',
    fileByPath: 'NO_KEY',
    restorePlan: 'NO_KEY',
    restorePlans: 'NO_KEY',
    userKey: 'NO_KEY',
    scrubFindings: 'NO_KEY',
    // The audit log is read by operators in the console; keys are for integrations.
    auditEvents: 'NO_KEY',
    operator: 'NO_KEY',
  },
  mutation: {
    login: 'NO_KEY',
    // Operator sessions and operator management are the console's, never an integration's.
    refreshSession: 'NO_KEY',
    logout: 'NO_KEY',
    changePassword: 'NO_KEY',
    startTotpEnrolment: 'NO_KEY',
    confirmTotpEnrolment: 'NO_KEY',
    createOperator: 'NO_KEY',
    disableOperator: 'NO_KEY',
    enableOperator: 'NO_KEY',
    deleteOperator: 'NO_KEY',
    resetOperatorPassword: 'NO_KEY',
    createTenant: 'NO_KEY',
    setTenantStatus: 'NO_KEY',
    createApiKey: 'NO_KEY',
    revokeApiKey: 'NO_KEY',
    updateTenantSettings: 'NO_KEY',
    registerPartnerIdp: 'NO_KEY',
    updatePartnerIdp: 'NO_KEY',
    removePartnerIdp: 'NO_KEY',
    upsertEndUser: 'USERS_WRITE',
    mintUserToken: 'USERS_WRITE',
    signInWithPartnerToken: 'NO_KEY',
    registerDevice: 'NO_KEY',
    revokeDevice: 'DEVICES_WRITE',
    prepareUpload: 'NO_KEY',
    commitVersion: 'NO_KEY',
    commitVersions: 'NO_KEY',
    runScrub: 'NO_KEY',
    deleteFiles: 'FILES_WRITE',
    moveFiles: 'FILES_WRITE',
    restoreFiles: 'FILES_WRITE',
    emptyTrash: 'FILES_WRITE',
  },
  subscription: {
    fileEvents: 'FILES_READ',
  },
};

const introspection = new Set(['__typename', '__schema', '__type']);

/**
 * Before an operation runs: an API key must hold the scope of every root field it asks for.
 * Other credentials are not scoped. A field without a rule is refused (fails closed).
 */
export function requireApiKeyScopes(
  actor: Actor,
  operation: keyof typeof apiKeyRules,
  rootFields: Iterable<string>,
): void {
  if (actor.kind !== 'API_KEY') return;
  const rules: Record<string, ScopeRule> = apiKeyRules[operation];
  for (const field of rootFields) {
    if (introspection.has(field)) continue;
    const rule = Object.hasOwn(rules, field) ? rules[field]! : 'NO_KEY';
    if (rule === 'ANY_KEY') continue;
    if (rule === 'NO_KEY') throw new ForbiddenError(`${field} is not available to API keys`);
    if (!actor.scopes.includes(rule)) {
      throw new ForbiddenError(
        `${field} needs the ${apiKeyScopeNames[rule]} scope (${rule}), which this API key lacks`,
      );
    }
  }
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

/** Managing operators: platform admins and tenant admins; viewers only read. */
export function requireOperatorManager(actor: Actor): ActorOf<'OPERATOR'> {
  const operator = requireOperator(actor);
  if (operator.role === 'PLATFORM_ADMIN') return operator;
  if (operator.role !== 'TENANT_ADMIN' || !operator.tenantId) {
    throw new ForbiddenError('viewers cannot manage operators');
  }
  return operator;
}

/**
 * The tenant a new operator of `role` joins: none for platform admins (whom only platform
 * admins create), the named one for tenant roles. A tenant admin may name only their own
 * tenant (or none, meaning their own); any other is NOT_FOUND, as if it did not exist.
 */
export function tenantForNewOperator(
  manager: ActorOf<'OPERATOR'>,
  role: OperatorRow['role'],
  tenantId: string | null,
): string | null {
  if (role === 'PLATFORM_ADMIN') {
    if (manager.role !== 'PLATFORM_ADMIN') {
      throw new ForbiddenError('only platform admins create platform admins');
    }
    if (tenantId) throw new BadInputError('a platform admin belongs to no tenant');
    return null;
  }
  if (manager.role === 'PLATFORM_ADMIN') {
    if (!tenantId) throw new BadInputError(`a ${role} needs a tenantId`);
    return tenantId;
  }
  const own = manager.tenantId!;
  if (tenantId && tenantId !== own) throw new NotFoundError('tenant', tenantId);
  return own;
}

/** Whether `actor` may see `operator`: platform admins all, a tenant's operators their own. */
export function canSeeOperator(actor: Actor, operator: Pick<OperatorRow, 'tenantId'>): boolean {
  const scope = readScope(actor);
  return scope === 'ALL' || scope === operator.tenantId;
}

/**
 * Operators change their own password with changePassword; disabling or deleting oneself could
 * leave a tenant, or the platform, with no admin. So these never target oneself.
 */
export function checkNotSelf(manager: ActorOf<'OPERATOR'>, target: Pick<OperatorRow, 'id'>) {
  if (manager.operatorId === target.id) {
    throw new ForbiddenError('operators cannot do this to their own account');
  }
}
