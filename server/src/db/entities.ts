import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { ApiKeyScope } from '@cairn/schema';

/**
 * Entities without decorators (tsx gives no decorator metadata), every property typed.
 * Relations are plain id columns: services join through loaders or SQL, which keeps every
 * query's tenant predicate visible.
 */

export interface TenantArgs {
  tenantId: string;
}

/** Fails closed: a query on a tenant-owned entity with no tenant argument throws. */
const tenantFilter = {
  tenant: {
    name: 'tenant',
    cond: (args: TenantArgs) => ({ tenantId: args.tenantId }),
    default: true,
  },
};

export interface TenantRow {
  id: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'READ_ONLY';
  conflictPolicy: 'KEEP_BOTH' | 'NEWEST_WINS';
  /** Stored for the dedup change to come; chunks are per user until then. */
  dedupScope: 'USER' | 'TENANT';
  /** Devices not revoked one user may hold; null is no limit. */
  maxDevicesPerUser: number | null;
  /** Retention defaults, applied by the retention job once it exists; null keeps every version. */
  keepLastVersions: number | null;
  trashRetentionDays: number;
  createdAt: Date;
}

export const TenantEntity = new EntitySchema<TenantRow>({
  name: 'Tenant',
  tableName: 'tenant',
  filters: {
    tenant: { name: 'tenant', cond: (args: TenantArgs) => ({ id: args.tenantId }), default: true },
  },
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', columnType: 'text' },
    status: { type: 'string', columnType: 'text' },
    conflictPolicy: { type: 'string', columnType: 'text' },
    dedupScope: { type: 'string', columnType: 'text', default: 'USER' },
    maxDevicesPerUser: { type: 'integer', nullable: true },
    keepLastVersions: { type: 'integer', nullable: true },
    trashRetentionDays: { type: 'integer', default: 30 },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

export interface OperatorRow {
  id: string;
  tenantId: string | null;
  email: string;
  passwordHash: string;
  role: 'PLATFORM_ADMIN' | 'TENANT_ADMIN' | 'TENANT_VIEWER';
  createdAt: Date;
  /** AES-256-GCM under the server's operator-secrets key, bound to the operator id. */
  totpSecret: string | null;
  /** A secret handed out by enrolment and not yet confirmed with a code. */
  totpPendingSecret: string | null;
  totpEnabledAt: Date | null;
  /** The newest TOTP time step accepted; a code of that step or earlier is a replay. */
  totpLastStep: string | null;
  mustChangePassword: boolean;
  disabledAt: Date | null;
}

/** Operators sign in before any tenant is known, so this table is scoped by policy, not filter. */
export const OperatorEntity = new EntitySchema<OperatorRow>({
  name: 'Operator',
  tableName: 'operator',
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid', nullable: true },
    email: { type: 'string', columnType: 'text' },
    passwordHash: { type: 'string', columnType: 'text' },
    role: { type: 'string', columnType: 'text' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    totpSecret: { type: 'string', columnType: 'text', nullable: true },
    totpPendingSecret: { type: 'string', columnType: 'text', nullable: true },
    totpEnabledAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    totpLastStep: { type: new BigIntType('string'), nullable: true },
    mustChangePassword: { type: 'boolean', default: false },
    disabledAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

export interface ApiKeyRow {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const ApiKeyEntity = new EntitySchema<ApiKeyRow>({
  name: 'ApiKey',
  tableName: 'api_key',
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    name: { type: 'string', columnType: 'text' },
    prefix: { type: 'string', columnType: 'text' },
    secretHash: { type: 'string', columnType: 'text' },
    scopes: { type: 'string[]', columnType: 'text[]' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    expiresAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    lastUsedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

export interface EndUserRow {
  id: string;
  tenantId: string;
  externalId: string;
  storedBytes: string;
  createdAt: Date;
}

export const EndUserEntity = new EntitySchema<EndUserRow>({
  name: 'EndUser',
  tableName: 'end_user',
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    externalId: { type: 'string', columnType: 'text' },
    storedBytes: { type: new BigIntType('string'), default: '0' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

export interface DeviceRow {
  id: string;
  tenantId: string;
  userId: string;
  name: string;
  platform: string;
  appVersion: string | null;
  tokenHash: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

export const DeviceEntity = new EntitySchema<DeviceRow>({
  name: 'Device',
  tableName: 'device',
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    userId: { type: 'uuid' },
    name: { type: 'string', columnType: 'text' },
    platform: { type: 'string', columnType: 'text' },
    appVersion: { type: 'string', columnType: 'text', nullable: true },
    tokenHash: { type: 'string', columnType: 'text' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    lastSeenAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

export interface UserKeyRow {
  id: string;
  tenantId: string;
  userId: string;
  wrappedKey: string;
  createdAt: Date;
}

export const UserKeyEntity = new EntitySchema<UserKeyRow>({
  name: 'UserKey',
  tableName: 'user_key',
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    userId: { type: 'uuid' },
    wrappedKey: { type: 'string', columnType: 'text' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

export interface FileRow {
  id: string;
  tenantId: string;
  userId: string;
  path: string;
  pathNfc: string;
  deviceAssetId: string | null;
  headId: string | null;
  versionCount: number;
  createdAt: Date;
  updatedAt: Date;
  /** Set while the file is in trash: out of listings, still restorable. */
  trashedAt: Date | null;
}

export const FileEntity = new EntitySchema<FileRow>({
  name: 'File',
  tableName: 'file',
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    userId: { type: 'uuid' },
    path: { type: 'string', columnType: 'text' },
    pathNfc: { type: 'string', columnType: 'text' },
    deviceAssetId: { type: 'string', columnType: 'text', nullable: true },
    headId: { type: 'uuid', nullable: true },
    versionCount: { type: 'integer' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    trashedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

export interface VersionRow {
  id: string;
  tenantId: string;
  userId: string;
  fileId: string;
  seq: string;
  size: string;
  contentHash: string;
  chunkCount: number;
  clientMtime: Date | null;
  deviceId: string | null;
  baseVersionId: string | null;
  idempotencyKey: string | null;
  conflict: boolean;
  /** The tombstone a deletion writes: no content, never a head. */
  deleted: boolean;
  createdAt: Date;
}

export const VersionEntity = new EntitySchema<VersionRow>({
  name: 'Version',
  tableName: 'version',
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    userId: { type: 'uuid' },
    fileId: { type: 'uuid' },
    seq: { type: new BigIntType('string') },
    size: { type: new BigIntType('string') },
    contentHash: { type: 'string', columnType: 'text' },
    chunkCount: { type: 'integer' },
    clientMtime: { type: 'Date', columnType: 'timestamptz', nullable: true },
    deviceId: { type: 'uuid', nullable: true },
    baseVersionId: { type: 'uuid', nullable: true },
    idempotencyKey: { type: 'string', columnType: 'text', nullable: true },
    conflict: { type: 'boolean' },
    deleted: { type: 'boolean' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

export interface ScrubFindingRow {
  id: string;
  tenantId: string;
  userId: string | null;
  kind: 'MISSING' | 'CORRUPT' | 'ORPHANED';
  objectKey: string;
  chunkId: string | null;
  detail: string;
  sightings: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  resolution: 'HEALTHY' | 'REFERENCED' | 'GONE' | 'DELETED' | null;
}

/** Written by the scrub job with SQL; read here, tenant-filtered like every tenant-owned row. */
export const ScrubFindingEntity = new EntitySchema<ScrubFindingRow>({
  name: 'ScrubFinding',
  tableName: 'scrub_finding',
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    userId: { type: 'uuid', nullable: true },
    kind: { type: 'string', columnType: 'text' },
    objectKey: { type: 'string', columnType: 'text' },
    chunkId: { type: 'string', columnType: 'text', nullable: true },
    detail: { type: 'string', columnType: 'text' },
    sightings: { type: 'integer' },
    firstSeenAt: { type: 'Date', columnType: 'timestamptz' },
    lastSeenAt: { type: 'Date', columnType: 'timestamptz' },
    resolvedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    resolution: { type: 'string', columnType: 'text', nullable: true },
  },
});

export interface PartnerIdpRow {
  id: string;
  tenantId: string;
  issuer: string;
  audience: string;
  /** Exactly one of the URL and the inline key set is set. */
  jwksUrl: string | null;
  jwks: { keys: Record<string, unknown>[] } | null;
  clockSkewSeconds: number;
  createdAt: Date;
  updatedAt: Date;
}

export const PartnerIdpEntity = new EntitySchema<PartnerIdpRow>({
  name: 'PartnerIdp',
  tableName: 'partner_idp',
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    issuer: { type: 'string', columnType: 'text' },
    audience: { type: 'string', columnType: 'text' },
    jwksUrl: { type: 'string', columnType: 'text', nullable: true },
    jwks: { type: 'json', columnType: 'jsonb', nullable: true },
    clockSkewSeconds: { type: 'integer' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

export interface AuditTargetRow {
  kind: string;
  id: string;
}

export interface AuditItemsRow {
  total: number;
  failed: number;
  failureCodes: string[];
}

export interface AuditEventRow {
  id: string;
  seq: string;
  occurredAt: Date;
  tenantId: string | null;
  actorKind: 'OPERATOR' | 'API_KEY' | 'USER' | 'DEVICE' | 'ANONYMOUS';
  actorId: string | null;
  operation: string;
  targets: AuditTargetRow[];
  outcome: string;
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  arguments: Record<string, unknown>;
  items: AuditItemsRow | null;
}

/**
 * Read here, tenant-filtered; written only by `AuditLog` with SQL. `readonly` keeps the unit of
 * work from ever flushing a change to a row, which the database would refuse anyway.
 */
export const AuditEventEntity = new EntitySchema<AuditEventRow>({
  name: 'AuditEvent',
  tableName: 'audit_event',
  readonly: true,
  filters: tenantFilter,
  properties: {
    id: { type: 'uuid', primary: true },
    seq: { type: new BigIntType('string') },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
    tenantId: { type: 'uuid', nullable: true },
    actorKind: { type: 'string', columnType: 'text' },
    actorId: { type: 'uuid', nullable: true },
    operation: { type: 'string', columnType: 'text' },
    targets: { type: 'json' },
    outcome: { type: 'string', columnType: 'text' },
    clientIp: { type: 'string', columnType: 'text', nullable: true },
    userAgent: { type: 'string', columnType: 'text', nullable: true },
    requestId: { type: 'string', columnType: 'text', nullable: true },
    arguments: { type: 'json' },
    items: { type: 'json', nullable: true },
  },
});

export const entities = [
  TenantEntity,
  OperatorEntity,
  ApiKeyEntity,
  EndUserEntity,
  DeviceEntity,
  UserKeyEntity,
  FileEntity,
  VersionEntity,
  ScrubFindingEntity,
  PartnerIdpEntity,
  AuditEventEntity,
];
