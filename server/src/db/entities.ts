import { BigIntType, EntitySchema } from '@mikro-orm/core';

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
  createdAt: Date;
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
    createdAt: { type: 'Date', columnType: 'timestamptz' },
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
];
