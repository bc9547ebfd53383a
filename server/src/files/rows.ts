import type { FileRow, VersionRow } from '../db/entities';

/** Column lists for the hand-written SQL, aliased to the entities' property names. */
export const fileColumns = `f.id, f.tenant_id as "tenantId", f.user_id as "userId", f.path,
  f.path_nfc as "pathNfc", f.device_asset_id as "deviceAssetId", f.head_id as "headId",
  f.version_count as "versionCount", f.created_at as "createdAt", f.updated_at as "updatedAt",
  f.trashed_at as "trashedAt"`;

export const versionColumns = `v.id, v.tenant_id as "tenantId", v.user_id as "userId",
  v.file_id as "fileId", v.seq::text as seq, v.size::text as size, v.content_hash as "contentHash",
  v.chunk_count as "chunkCount", v.client_mtime as "clientMtime", v.device_id as "deviceId",
  v.base_version_id as "baseVersionId", v.idempotency_key as "idempotencyKey", v.conflict,
  v.deleted, v.created_at as "createdAt"`;

export type { FileRow, VersionRow };
