import type { ApiKeyScope } from './generated/types';

/** Every API key scope, each with its resource:action name, in the order the console lists them. */
export const apiKeyScopeNames: Readonly<Record<ApiKeyScope, string>> = {
  TENANT_READ: 'tenant:read',
  USERS_READ: 'users:read',
  USERS_WRITE: 'users:write',
  DEVICES_READ: 'devices:read',
  DEVICES_WRITE: 'devices:write',
  FILES_READ: 'files:read',
  FILES_WRITE: 'files:write',
  BILLING_READ: 'billing:read',
};

export const apiKeyScopes = Object.keys(apiKeyScopeNames) as readonly ApiKeyScope[];
