import type { ApiKeyScope } from '@cairn/schema';
import type { OperatorRow, TenantRow } from '../db/entities';

export type TenantStatus = TenantRow['status'];

/** A step an operator's session must take before it may do anything else. */
export type SessionRestriction = 'TOTP_ENROLMENT_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED';

/** Who is calling, resolved once per request from the bearer token. */
export type Actor =
  | { kind: 'ANONYMOUS' }
  | {
      kind: 'OPERATOR';
      operatorId: string;
      role: OperatorRow['role'];
      tenantId: string | null;
      sessionId: string;
      restriction: SessionRestriction | null;
    }
  | {
      kind: 'API_KEY';
      apiKeyId: string;
      tenantId: string;
      tenantStatus: TenantStatus;
      scopes: readonly ApiKeyScope[];
      expiresAt: Date | null;
    }
  | { kind: 'USER'; userId: string; tenantId: string; tenantStatus: TenantStatus }
  | {
      kind: 'DEVICE';
      deviceId: string;
      deviceName: string;
      userId: string;
      tenantId: string;
      tenantStatus: TenantStatus;
    };

export type ActorOf<K extends Actor['kind']> = Extract<Actor, { kind: K }>;

export const anonymous: Actor = { kind: 'ANONYMOUS' };

/** A tenant id, or `ALL_TENANTS` for platform admins' reads. */
export type TenantScope = string;
export const ALL_TENANTS = 'ALL';
