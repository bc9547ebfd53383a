/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ActorKind =
  | 'API_KEY'
  | 'DEVICE'
  | 'OPERATOR'
  | 'USER';

/** A chunk the SDK holds, declared before upload. */
export type ChunkDeclaration = {
  /** SHA-256 hex of the encrypted object. */
  checksum: string;
  /** Keyed hash (HMAC-SHA-256 hex) of the chunk's plaintext. */
  id: string;
  plainSize: string;
  /** Size of the encrypted object to be stored. */
  size: string;
};

export type CommitVersionInput = {
  /** The head the device's copy was made from; absent for a new file. */
  baseVersionId?: string | number | null | undefined;
  chunks: Array<CommittedChunk>;
  clientMtime?: string | null | undefined;
  contentHash: string;
  deviceAssetId?: string | null | undefined;
  /** Lets a device retry a commit whose answer it lost without making a second version. */
  idempotencyKey?: string | null | undefined;
  path: string;
  size: string;
};

export type CommittedChunk = {
  id: string;
  plainSize: string;
};

export type DeleteFileInput = {
  fileId: string | number;
  /**
   * When given, the item fails with CONFLICT unless this is still the file's head, so a device
   * mirroring a local deletion never trashes content another device committed since.
   */
  ifHeadVersionId?: string | number | null | undefined;
};

export type MoveFileInput = {
  fileId: string | number;
  /** When given, the item fails with CONFLICT unless this is still the file's head. */
  ifHeadVersionId?: string | number | null | undefined;
  /** The whole new library path, e.g. "Camera/2024/IMG_1.jpg". */
  toPath: string;
};

export type RegisterDeviceInput = {
  /** The app's version, e.g. 2.4.1 (1-50 characters). Builds that send none still register. */
  appVersion?: string | null | undefined;
  name: string;
  platform: string;
};

export type MintUserTokenMutationVariables = Exact<{
  externalId: string;
  ttlSeconds?: number | null | undefined;
}>;


export type MintUserTokenMutation = { mintUserToken: { token: string, expiresAt: string, user: { id: string, externalId: string } } };

export type RegisterDeviceMutationVariables = Exact<{
  input: RegisterDeviceInput;
}>;


export type RegisterDeviceMutation = { registerDevice: { deviceToken: string, device: { id: string, userId: string, tenantId: string, name: string, appVersion: string | null }, userKey: { keyId: string, key: string } } };

export type UserKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type UserKeyQuery = { userKey: { keyId: string, key: string } };

export type PrepareUploadMutationVariables = Exact<{
  chunks: Array<ChunkDeclaration> | ChunkDeclaration;
}>;


export type PrepareUploadMutation = { prepareUpload: { missing: Array<{ chunkId: string, url: string, method: string, expiresAt: string }> } };

export type CommitVersionsMutationVariables = Exact<{
  inputs: Array<CommitVersionInput> | CommitVersionInput;
}>;


export type CommitVersionsMutation = { commitVersions: Array<{ path: string, conflict: boolean, trashed: boolean, file: { id: string, path: string } | null, version: { id: string, seq: string, size: string, contentHash: string } | null, error: { code: string, message: string, retryable: boolean, missingChunkIds: Array<string> | null } | null }> };

export type DeleteFilesMutationVariables = Exact<{
  inputs: Array<DeleteFileInput> | DeleteFileInput;
}>;


export type DeleteFilesMutation = { deleteFiles: Array<{ fileId: string, file: { id: string, path: string, trashedAt: string | null } | null, error: { code: string, message: string } | null }> };

export type MoveFilesMutationVariables = Exact<{
  inputs: Array<MoveFileInput> | MoveFileInput;
}>;


export type MoveFilesMutation = { moveFiles: Array<{ fileId: string, file: { id: string, path: string, head: { id: string } | null } | null, error: { code: string, message: string } | null }> };

export type HeadVersionFragment = { id: string, seq: string, size: string, contentHash: string, chunkCount: number, clientMtime: string | null, deviceId: string | null, deleted: boolean, createdAt: string };

export type FilesQueryVariables = Exact<{
  pathPrefix?: string | null | undefined;
  offset?: number | null | undefined;
  limit?: number | null | undefined;
}>;


export type FilesQuery = { files: { total: number, items: Array<{ id: string, path: string, deviceAssetId: string | null, head: { id: string, seq: string, size: string, contentHash: string, chunkCount: number, clientMtime: string | null, deviceId: string | null, deleted: boolean, createdAt: string } | null }> } };

export type FileByPathQueryVariables = Exact<{
  path: string;
}>;


export type FileByPathQuery = { fileByPath: { id: string, path: string, versionCount: number, head: { id: string, seq: string, size: string, contentHash: string, chunkCount: number, clientMtime: string | null, deviceId: string | null, deleted: boolean, createdAt: string } | null } | null };

export type VersionsQueryVariables = Exact<{
  fileId: string | number;
  offset?: number | null | undefined;
  limit?: number | null | undefined;
}>;


export type VersionsQuery = { versions: { total: number, items: Array<{ baseVersionId: string | null, id: string, seq: string, size: string, contentHash: string, chunkCount: number, clientMtime: string | null, deviceId: string | null, deleted: boolean, createdAt: string }> } };

export type PlanFieldsFragment = { path: string, version: { id: string, seq: string, size: string, contentHash: string, chunkCount: number, clientMtime: string | null, deviceId: string | null, deleted: boolean, createdAt: string }, chunks: Array<{ index: number, chunkId: string, offset: string, plainSize: string, size: string, checksum: string, url: string }> };

export type RestorePlansQueryVariables = Exact<{
  versionIds: Array<string | number> | string | number;
}>;


export type RestorePlansQuery = { restorePlans: Array<{ path: string, version: { id: string, seq: string, size: string, contentHash: string, chunkCount: number, clientMtime: string | null, deviceId: string | null, deleted: boolean, createdAt: string }, chunks: Array<{ index: number, chunkId: string, offset: string, plainSize: string, size: string, checksum: string, url: string }> }> };

export type RestorePlanQueryVariables = Exact<{
  versionId: string | number;
}>;


export type RestorePlanQuery = { restorePlan: { path: string, version: { id: string, seq: string, size: string, contentHash: string, chunkCount: number, clientMtime: string | null, deviceId: string | null, deleted: boolean, createdAt: string }, chunks: Array<{ index: number, chunkId: string, offset: string, plainSize: string, size: string, checksum: string, url: string }> } };

export type LibraryAtQueryVariables = Exact<{
  at: string;
  pathPrefix?: string | null | undefined;
  offset?: number | null | undefined;
  limit?: number | null | undefined;
}>;


export type LibraryAtQuery = { libraryAt: { total: number, items: Array<{ path: string, file: { id: string }, version: { id: string, seq: string, size: string, contentHash: string, chunkCount: number, clientMtime: string | null, deviceId: string | null, deleted: boolean, createdAt: string } }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { kind: ActorKind, tenantId: string | null, userId: string | null, deviceId: string | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const HeadVersionFragmentDoc = new TypedDocumentString(`
    fragment HeadVersion on Version {
  id
  seq
  size
  contentHash
  chunkCount
  clientMtime
  deviceId
  deleted
  createdAt
}
    `, {"fragmentName":"HeadVersion"}) as unknown as TypedDocumentString<HeadVersionFragment, unknown>;
export const PlanFieldsFragmentDoc = new TypedDocumentString(`
    fragment PlanFields on RestorePlan {
  path
  version {
    ...HeadVersion
  }
  chunks {
    index
    chunkId
    offset
    plainSize
    size
    checksum
    url
  }
}
    fragment HeadVersion on Version {
  id
  seq
  size
  contentHash
  chunkCount
  clientMtime
  deviceId
  deleted
  createdAt
}`, {"fragmentName":"PlanFields"}) as unknown as TypedDocumentString<PlanFieldsFragment, unknown>;
export const MintUserTokenDocument = new TypedDocumentString(`
    mutation MintUserToken($externalId: String!, $ttlSeconds: Int) {
  mintUserToken(externalId: $externalId, ttlSeconds: $ttlSeconds) {
    token
    expiresAt
    user {
      id
      externalId
    }
  }
}
    `) as unknown as TypedDocumentString<MintUserTokenMutation, MintUserTokenMutationVariables>;
export const RegisterDeviceDocument = new TypedDocumentString(`
    mutation RegisterDevice($input: RegisterDeviceInput!) {
  registerDevice(input: $input) {
    device {
      id
      userId
      tenantId
      name
      appVersion
    }
    deviceToken
    userKey {
      keyId
      key
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterDeviceMutation, RegisterDeviceMutationVariables>;
export const UserKeyDocument = new TypedDocumentString(`
    query UserKey {
  userKey {
    keyId
    key
  }
}
    `) as unknown as TypedDocumentString<UserKeyQuery, UserKeyQueryVariables>;
export const PrepareUploadDocument = new TypedDocumentString(`
    mutation PrepareUpload($chunks: [ChunkDeclaration!]!) {
  prepareUpload(chunks: $chunks) {
    missing {
      chunkId
      url
      method
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<PrepareUploadMutation, PrepareUploadMutationVariables>;
export const CommitVersionsDocument = new TypedDocumentString(`
    mutation CommitVersions($inputs: [CommitVersionInput!]!) {
  commitVersions(inputs: $inputs) {
    path
    conflict
    trashed
    file {
      id
      path
    }
    version {
      id
      seq
      size
      contentHash
    }
    error {
      code
      message
      retryable
      missingChunkIds
    }
  }
}
    `) as unknown as TypedDocumentString<CommitVersionsMutation, CommitVersionsMutationVariables>;
export const DeleteFilesDocument = new TypedDocumentString(`
    mutation DeleteFiles($inputs: [DeleteFileInput!]!) {
  deleteFiles(inputs: $inputs) {
    fileId
    file {
      id
      path
      trashedAt
    }
    error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteFilesMutation, DeleteFilesMutationVariables>;
export const MoveFilesDocument = new TypedDocumentString(`
    mutation MoveFiles($inputs: [MoveFileInput!]!) {
  moveFiles(inputs: $inputs) {
    fileId
    file {
      id
      path
      head {
        id
      }
    }
    error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<MoveFilesMutation, MoveFilesMutationVariables>;
export const FilesDocument = new TypedDocumentString(`
    query Files($pathPrefix: String, $offset: Int, $limit: Int) {
  files(pathPrefix: $pathPrefix, offset: $offset, limit: $limit) {
    total
    items {
      id
      path
      deviceAssetId
      head {
        ...HeadVersion
      }
    }
  }
}
    fragment HeadVersion on Version {
  id
  seq
  size
  contentHash
  chunkCount
  clientMtime
  deviceId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<FilesQuery, FilesQueryVariables>;
export const FileByPathDocument = new TypedDocumentString(`
    query FileByPath($path: String!) {
  fileByPath(path: $path) {
    id
    path
    versionCount
    head {
      ...HeadVersion
    }
  }
}
    fragment HeadVersion on Version {
  id
  seq
  size
  contentHash
  chunkCount
  clientMtime
  deviceId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<FileByPathQuery, FileByPathQueryVariables>;
export const VersionsDocument = new TypedDocumentString(`
    query Versions($fileId: ID!, $offset: Int, $limit: Int) {
  versions(fileId: $fileId, offset: $offset, limit: $limit) {
    total
    items {
      ...HeadVersion
      baseVersionId
    }
  }
}
    fragment HeadVersion on Version {
  id
  seq
  size
  contentHash
  chunkCount
  clientMtime
  deviceId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<VersionsQuery, VersionsQueryVariables>;
export const RestorePlansDocument = new TypedDocumentString(`
    query RestorePlans($versionIds: [ID!]!) {
  restorePlans(versionIds: $versionIds) {
    ...PlanFields
  }
}
    fragment HeadVersion on Version {
  id
  seq
  size
  contentHash
  chunkCount
  clientMtime
  deviceId
  deleted
  createdAt
}
fragment PlanFields on RestorePlan {
  path
  version {
    ...HeadVersion
  }
  chunks {
    index
    chunkId
    offset
    plainSize
    size
    checksum
    url
  }
}`) as unknown as TypedDocumentString<RestorePlansQuery, RestorePlansQueryVariables>;
export const RestorePlanDocument = new TypedDocumentString(`
    query RestorePlan($versionId: ID!) {
  restorePlan(versionId: $versionId) {
    path
    version {
      ...HeadVersion
    }
    chunks {
      index
      chunkId
      offset
      plainSize
      size
      checksum
      url
    }
  }
}
    fragment HeadVersion on Version {
  id
  seq
  size
  contentHash
  chunkCount
  clientMtime
  deviceId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<RestorePlanQuery, RestorePlanQueryVariables>;
export const LibraryAtDocument = new TypedDocumentString(`
    query LibraryAt($at: DateTime!, $pathPrefix: String, $offset: Int, $limit: Int) {
  libraryAt(at: $at, pathPrefix: $pathPrefix, offset: $offset, limit: $limit) {
    total
    items {
      path
      file {
        id
      }
      version {
        ...HeadVersion
      }
    }
  }
}
    fragment HeadVersion on Version {
  id
  seq
  size
  contentHash
  chunkCount
  clientMtime
  deviceId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<LibraryAtQuery, LibraryAtQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    kind
    tenantId
    userId
    deviceId
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;