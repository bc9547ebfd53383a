import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TenantRow, OperatorRow, ApiKeyRow, EndUserRow, DeviceRow, FileRow, VersionRow, ScrubFindingRow, PartnerIdpRow, AuditEventRow } from '../db/entities';
import type { FileEventMessage } from '../events/file-events';
import type { RequestContext } from '../graphql/context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO-8601 timestamp in UTC. */
  DateTime: { input: string; output: Date | string; }
  /**
   * A 64-bit integer carried as a decimal string: byte sizes, offsets and sequence numbers.
   * Never an Int, so a file over 2 GiB (or 4 GiB) cannot overflow anywhere.
   */
  Int64: { input: string; output: string; }
};

export type ActorKind =
  | 'API_KEY'
  | 'DEVICE'
  | 'OPERATOR'
  | 'USER';

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  /** After this the key, and every user token it minted, is refused. Null: it does not expire. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Recorded at most once a minute. */
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** The public part of the key, to recognise it in lists. Null for tenant viewers. */
  prefix: Maybe<Scalars['String']['output']>;
  /** A revoked key, and every user token it minted, is refused. */
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  /** What the key may do. Null for tenant viewers. */
  scopes: Maybe<Array<ApiKeyScope>>;
  tenantId: Scalars['ID']['output'];
};

export type ApiKeyPage = {
  __typename?: 'ApiKeyPage';
  items: Array<ApiKey>;
  total: Scalars['Int']['output'];
};

/**
 * What an API key may do. Each scope also has a resource:action name, used in error messages and
 * the documentation: USERS_WRITE is users:write, DEVICES_READ is devices:read, and so on.
 */
export type ApiKeyScope =
  /** billing:read: usage and billing reads. No query reads billing data yet; keys may carry it ahead. */
  | 'BILLING_READ'
  /** devices:read: list and read devices. */
  | 'DEVICES_READ'
  /** devices:write: revoke devices. */
  | 'DEVICES_WRITE'
  /** files:read: files, versions, trash, the library at a point in time, file events. */
  | 'FILES_READ'
  /** files:write: move files to trash, restore them, empty trash. */
  | 'FILES_WRITE'
  /** tenant:read: the tenant and its settings (partner identity providers by issuer only). */
  | 'TENANT_READ'
  /** users:read: list and read end users. */
  | 'USERS_READ'
  /** users:write: create end users and mint their sign-in tokens. */
  | 'USERS_WRITE';

/** Who made an audited call. ANONYMOUS: no credential, or one the server refused. */
export type AuditActorKind =
  | 'ANONYMOUS'
  | 'API_KEY'
  | 'DEVICE'
  | 'OPERATOR'
  | 'USER';

/**
 * One state-changing call, appended to the audit log and never changed: a GraphQL mutation field,
 * or the chunk uploads of one device in one minute (operation chunk.put or chunk-bundle.post).
 */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** The operator, API key, end user or device; null for ANONYMOUS. */
  actorId: Maybe<Scalars['ID']['output']>;
  actorKind: AuditActorKind;
  /**
   * JSON of the call's arguments with every secret (passwords, codes, tokens, keys) replaced by
   * "[REDACTED]" and long lists and strings cut; for data-plane entries the request and chunk
   * counts, bytes and the first and last request time.
   */
  arguments: Scalars['String']['output'];
  /** The connection's peer address. */
  clientIp: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** For calls over many items: how many there were and how many failed. */
  items: Maybe<AuditItems>;
  /** When the call finished; for an aggregated data-plane entry, the start of its minute. */
  occurredAt: Scalars['DateTime']['output'];
  /** The mutation field's name (not its alias), or the data-plane action. */
  operation: Scalars['String']['output'];
  /** OK, or the public error code the call failed with (e.g. FORBIDDEN, UNAUTHENTICATED). */
  outcome: Scalars['String']['output'];
  /** The X-Request-Id the call was answered with; null for aggregated data-plane entries. */
  requestId: Maybe<Scalars['String']['output']>;
  targets: Array<AuditTarget>;
  /** The tenant the call acted in or on; null for platform-level calls that name none. */
  tenantId: Maybe<Scalars['ID']['output']>;
  userAgent: Maybe<Scalars['String']['output']>;
};

export type AuditEventPage = {
  __typename?: 'AuditEventPage';
  items: Array<AuditEvent>;
  total: Scalars['Int']['output'];
};

/** How the items of a batch call fared (or the chunks of an aggregated data-plane entry). */
export type AuditItems = {
  __typename?: 'AuditItems';
  failed: Scalars['Int']['output'];
  /** The distinct public error codes of the failed items. */
  failureCodes: Array<Scalars['String']['output']>;
  total: Scalars['Int']['output'];
};

/** A record an audited call named or produced: its GraphQL type (e.g. Device, File) and id. */
export type AuditTarget = {
  __typename?: 'AuditTarget';
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
};

/** A chunk the SDK holds, declared before upload. */
export type ChunkDeclaration = {
  /** SHA-256 hex of the encrypted object. */
  checksum: Scalars['String']['input'];
  /** Keyed hash (HMAC-SHA-256 hex) of the chunk's plaintext. */
  id: Scalars['String']['input'];
  plainSize: Scalars['Int64']['input'];
  /** Size of the encrypted object to be stored. */
  size: Scalars['Int64']['input'];
};

export type CommitError = {
  __typename?: 'CommitError';
  /** One of the public error codes, e.g. CHUNKS_MISSING, INVALID_PATH. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** For CHUNKS_MISSING: the ids the server could not find stored. */
  missingChunkIds: Maybe<Array<Scalars['String']['output']>>;
  retryable: Scalars['Boolean']['output'];
};

/** The answer for one commit of a batch: a version, or the reason there is none. */
export type CommitOutcome = {
  __typename?: 'CommitOutcome';
  /** True when the base version was not the head and the tenant's policy resolved it. */
  conflict: Scalars['Boolean']['output'];
  error: Maybe<CommitError>;
  file: Maybe<File>;
  path: Scalars['String']['output'];
  /**
   * True when this content at this path (and device asset) is a file in trash: nothing was
   * committed, and `file` and `version` name the trashed file and its content. A device should not
   * send the content again until it changes; restoring from trash brings the file back.
   */
  trashed: Scalars['Boolean']['output'];
  version: Maybe<Version>;
};

export type CommitVersionInput = {
  /** The head the device's copy was made from; absent for a new file. */
  baseVersionId?: InputMaybe<Scalars['ID']['input']>;
  chunks: Array<CommittedChunk>;
  clientMtime?: InputMaybe<Scalars['DateTime']['input']>;
  contentHash: Scalars['String']['input'];
  deviceAssetId?: InputMaybe<Scalars['String']['input']>;
  /** Lets a device retry a commit whose answer it lost without making a second version. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  path: Scalars['String']['input'];
  size: Scalars['Int64']['input'];
};

export type CommittedChunk = {
  id: Scalars['String']['input'];
  plainSize: Scalars['Int64']['input'];
};

/** What happens when a commit's base version is no longer the file's head. */
export type ConflictPolicy =
  /** The later commit becomes a sibling conflict copy named after its device. */
  | 'KEEP_BOTH'
  /** The later commit becomes head; the other stays in history. */
  | 'NEWEST_WINS';

export type CreateOperatorInput = {
  email: Scalars['String']['input'];
  role: OperatorRole;
  /** Required for tenant roles, absent for platform admins. A tenant admin may name only their own. */
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

export type CreateTenantInput = {
  conflictPolicy?: InputMaybe<ConflictPolicy>;
  name: Scalars['String']['input'];
};

/** A new API key. The secret is shown here once and stored only as a hash. */
export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  secret: Scalars['String']['output'];
};

/** Whether identical chunks are stored once per user or once per tenant. Never across tenants. */
export type DedupScope =
  | 'TENANT'
  | 'USER';

export type DeleteFileInput = {
  fileId: Scalars['ID']['input'];
  /**
   * When given, the item fails with CONFLICT unless this is still the file's head, so a device
   * mirroring a local deletion never trashes content another device committed since.
   */
  ifHeadVersionId?: InputMaybe<Scalars['ID']['input']>;
};

export type Device = {
  __typename?: 'Device';
  /** The app version the device registered with; null when its app sent none. */
  appVersion: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastSeenAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  platform: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  tenantId: Scalars['ID']['output'];
  userId: Scalars['ID']['output'];
};

export type DevicePage = {
  __typename?: 'DevicePage';
  items: Array<Device>;
  total: Scalars['Int']['output'];
};

export type DeviceRegistration = {
  __typename?: 'DeviceRegistration';
  device: Device;
  /** The device credential, shown once; send it as a bearer token. */
  deviceToken: Scalars['String']['output'];
  userKey: UserKey;
};

export type EmptyTrashResult = {
  __typename?: 'EmptyTrashResult';
  /** Logical bytes of the purged files, released from the user's stored bytes. */
  bytesReleased: Scalars['Int64']['output'];
  filesPurged: Scalars['Int']['output'];
  versionsPurged: Scalars['Int']['output'];
};

/** A partner app's own user, known to Cairn by the partner's id for them. */
export type EndUser = {
  __typename?: 'EndUser';
  createdAt: Scalars['DateTime']['output'];
  deviceCount: Scalars['Int']['output'];
  externalId: Scalars['String']['output'];
  fileCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** Logical bytes of the user's current file versions. */
  storedBytes: Scalars['Int64']['output'];
  tenantId: Scalars['ID']['output'];
};

export type EndUserPage = {
  __typename?: 'EndUserPage';
  items: Array<EndUser>;
  total: Scalars['Int']['output'];
};

/** A path in a user's library. */
export type File = {
  __typename?: 'File';
  createdAt: Scalars['DateTime']['output'];
  deviceAssetId: Maybe<Scalars['String']['output']>;
  head: Maybe<Version>;
  id: Scalars['ID']['output'];
  /** The name exactly as the device sent it; lookups use its NFC form. */
  path: Scalars['String']['output'];
  tenantId: Scalars['ID']['output'];
  /** When the file was moved to trash; null while it is live. A trashed file keeps every version. */
  trashedAt: Maybe<Scalars['DateTime']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  userId: Scalars['ID']['output'];
  versionCount: Scalars['Int']['output'];
};

export type FileEvent = {
  __typename?: 'FileEvent';
  file: File;
  kind: FileEventKind;
  userId: Scalars['ID']['output'];
  version: Version;
};

export type FileEventKind =
  | 'VERSION_COMMITTED';

/** The answer for one file of a batch deletion or restore: the file as it is now, or the reason. */
export type FileOutcome = {
  __typename?: 'FileOutcome';
  error: Maybe<ItemError>;
  file: Maybe<File>;
  fileId: Scalars['ID']['output'];
};

export type FilePage = {
  __typename?: 'FilePage';
  items: Array<File>;
  total: Scalars['Int']['output'];
};

/** Why one item of a batch did nothing. */
export type ItemError = {
  __typename?: 'ItemError';
  /** One of the public error codes, e.g. NOT_FOUND, CONFLICT. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** A file as it was at a point in time, with the version that was its content then. */
export type LibraryEntry = {
  __typename?: 'LibraryEntry';
  file: File;
  path: Scalars['String']['output'];
  version: Version;
};

export type LibraryEntryPage = {
  __typename?: 'LibraryEntryPage';
  items: Array<LibraryEntry>;
  total: Scalars['Int']['output'];
};

export type MoveFileInput = {
  fileId: Scalars['ID']['input'];
  /** When given, the item fails with CONFLICT unless this is still the file's head. */
  ifHeadVersionId?: InputMaybe<Scalars['ID']['input']>;
  /** The whole new library path, e.g. "Camera/2024/IMG_1.jpg". */
  toPath: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * The signed-in operator sets a new password (12 characters or more), proving the current one.
   * Every other session of the operator is revoked; the answer is a new session for this one.
   */
  changePassword: Session;
  commitVersion: CommitOutcome;
  commitVersions: Array<CommitOutcome>;
  /** Confirms enrolment with a current code; answers a full session and the recovery codes. */
  confirmTotpEnrolment: TotpEnrolled;
  /**
   * Tenant admins and platform admins. At least one scope; expiresAt, when given, must be in the
   * future.
   */
  createApiKey: CreatedApiKey;
  /**
   * Platform admins create operators of any role; tenant admins create admins and viewers of their
   * own tenant. The operator signs in with the temporary password once and must then change it.
   */
  createOperator: OperatorWithPassword;
  createTenant: Tenant;
  /**
   * Moves files to trash (at most 500 per call), each with its own outcome. End users and their
   * devices delete their own files; tenant admins and API keys any file of their tenant; viewers
   * none. Deleting a file already in trash answers it unchanged.
   */
  deleteFiles: Array<FileOutcome>;
  /** Removes the operator and its sessions for good; answers its id. Not oneself. */
  deleteOperator: Scalars['ID']['output'];
  /** Refuses every sign-in of the operator and revokes its sessions. Not oneself. */
  disableOperator: Operator;
  /**
   * Permanently removes files in trash and all their versions, in one transaction: the named ones,
   * or the user's whole trash. Chunks no other version references become garbage for collection.
   * Any named file that is not in the caller's reach or not in trash fails the call unchanged.
   */
  emptyTrash: EmptyTrashResult;
  enableOperator: Operator;
  /**
   * Operator sign-in. Once the operator has TOTP, a code from the authenticator (totpCode) or one
   * unused recovery code (recoveryCode) is needed too: without either, a right password answers
   * UNAUTHENTICATED with extensions.reason TOTP_REQUIRED. Wrong passwords and wrong or reused codes
   * count towards the lockout alike. An admin without TOTP gets a session restricted to enrolment.
   */
  login: Session;
  /** Ends the caller's session: its access token is refused from now on, its refresh token too. */
  logout: Scalars['Boolean']['output'];
  /** The token never outlives the API key that minted it. */
  mintUserToken: UserToken;
  /**
   * Renames or moves live files (at most 500 per call), each with its own outcome: a file keeps its
   * id and every version, and no content travels. Who may is as for deleteFiles. An item fails with
   * CONFLICT when a live file already holds the new path (or another item of the call claims it),
   * when the file is in trash, or when ifHeadVersionId is no longer its head; with INVALID_PATH or
   * NAME_TOO_LONG for a bad new path. Moving a file to its own path answers it unchanged.
   */
  moveFiles: Array<FileOutcome>;
  prepareUpload: UploadPlan;
  /** Trades a refresh token for a new session token and refresh token (rotation). */
  refreshSession: Session;
  registerDevice: DeviceRegistration;
  /** Tenant admins and platform admins. An issuer is registered once per tenant (CONFLICT otherwise). */
  registerPartnerIdp: PartnerIdp;
  /** Also refuses, from now on, every user token signed in through it. */
  removePartnerIdp: PartnerIdp;
  /**
   * Platform admins only: a new temporary password (shown once), every session revoked and the
   * lockout cleared; the operator must choose a new password at next sign-in. With resetTotp the
   * authenticator and recovery codes are removed too (a lost phone): admins enrol again.
   */
  resetOperatorPassword: OperatorWithPassword;
  /**
   * Brings files back from trash with every version (at most 500 per call). An item fails with
   * CONFLICT when a live file now holds its path; trash that file first to get this one back.
   */
  restoreFiles: Array<FileOutcome>;
  /** Also refuses, from now on, every user token the key minted. */
  revokeApiKey: ApiKey;
  revokeDevice: Device;
  /** Queues a scrub run now, besides the scheduled ones (platform admins). */
  runScrub: ScrubRequest;
  /** Platform admins only. SUSPENDED refuses every call by the tenant's keys, users and devices; READ_ONLY lets them read and restore but not write. */
  setTenantStatus: Tenant;
  /**
   * Signs an end user in with a JWT from one of the tenant's partner identity providers, without an
   * API key: the token's `sub` is the user's external id, and the user is created on first sight.
   * Checked: the signature against the provider's keys (RS256, ES256 or EdDSA only), `iss`, `aud`,
   * `exp` and `nbf` within the provider's clock skew. Answers a Cairn user token valid for one hour;
   * any failure is UNAUTHENTICATED.
   */
  signInWithPartnerToken: UserToken;
  /** Starts (or starts over) TOTP enrolment for the signed-in operator who has none yet. */
  startTotpEnrolment: TotpEnrolment;
  /** Replaces every setting of the identity provider; tokens it issued before stay valid. */
  updatePartnerIdp: PartnerIdp;
  /** Tenant admins and platform admins. */
  updateTenantSettings: TenantSettings;
  /** Creates the user on first sight; answers the same user after that. */
  upsertEndUser: EndUser;
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationCommitVersionArgs = {
  input: CommitVersionInput;
};


export type MutationCommitVersionsArgs = {
  inputs: Array<CommitVersionInput>;
};


export type MutationConfirmTotpEnrolmentArgs = {
  code: Scalars['String']['input'];
};


export type MutationCreateApiKeyArgs = {
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  name: Scalars['String']['input'];
  scopes: Array<ApiKeyScope>;
  tenantId: Scalars['ID']['input'];
};


export type MutationCreateOperatorArgs = {
  input: CreateOperatorInput;
};


export type MutationCreateTenantArgs = {
  input: CreateTenantInput;
};


export type MutationDeleteFilesArgs = {
  inputs: Array<DeleteFileInput>;
};


export type MutationDeleteOperatorArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDisableOperatorArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEmptyTrashArgs = {
  fileIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationEnableOperatorArgs = {
  id: Scalars['ID']['input'];
};


export type MutationLoginArgs = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
  recoveryCode?: InputMaybe<Scalars['String']['input']>;
  totpCode?: InputMaybe<Scalars['String']['input']>;
};


export type MutationMintUserTokenArgs = {
  externalId: Scalars['String']['input'];
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationMoveFilesArgs = {
  inputs: Array<MoveFileInput>;
};


export type MutationPrepareUploadArgs = {
  chunks: Array<ChunkDeclaration>;
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRegisterDeviceArgs = {
  input: RegisterDeviceInput;
};


export type MutationRegisterPartnerIdpArgs = {
  input: PartnerIdpInput;
  tenantId: Scalars['ID']['input'];
};


export type MutationRemovePartnerIdpArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResetOperatorPasswordArgs = {
  id: Scalars['ID']['input'];
  resetTotp?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationRestoreFilesArgs = {
  fileIds: Array<Scalars['ID']['input']>;
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeDeviceArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetTenantStatusArgs = {
  id: Scalars['ID']['input'];
  status: TenantStatus;
};


export type MutationSignInWithPartnerTokenArgs = {
  tenantId: Scalars['ID']['input'];
  token: Scalars['String']['input'];
};


export type MutationUpdatePartnerIdpArgs = {
  id: Scalars['ID']['input'];
  input: PartnerIdpInput;
};


export type MutationUpdateTenantSettingsArgs = {
  input: TenantSettingsInput;
  tenantId: Scalars['ID']['input'];
};


export type MutationUpsertEndUserArgs = {
  externalId: Scalars['String']['input'];
};

export type Operator = {
  __typename?: 'Operator';
  createdAt: Scalars['DateTime']['output'];
  /** A disabled operator cannot sign in; every session it had is revoked. */
  disabledAt: Maybe<Scalars['DateTime']['output']>;
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Set after a password was given to the operator (a new operator, a reset): the next sign-in must choose a new one. */
  mustChangePassword: Scalars['Boolean']['output'];
  role: OperatorRole;
  /** Absent for platform admins. */
  tenantId: Maybe<Scalars['ID']['output']>;
  /** Whether sign-in asks for a TOTP code (always, once enrolled; admins must enrol). */
  totpEnabled: Scalars['Boolean']['output'];
};

export type OperatorPage = {
  __typename?: 'OperatorPage';
  items: Array<Operator>;
  total: Scalars['Int']['output'];
};

export type OperatorRole =
  | 'PLATFORM_ADMIN'
  | 'TENANT_ADMIN'
  | 'TENANT_VIEWER';

/** A new operator, or one whose password was reset: the temporary password is shown only here. */
export type OperatorWithPassword = {
  __typename?: 'OperatorWithPassword';
  operator: Operator;
  /** The operator signs in with it once and must then choose a new password. */
  temporaryPassword: Scalars['String']['output'];
};

/**
 * A partner's identity provider: end users sign in with a JWT it issued (signInWithPartnerToken).
 * Tenant viewers and API keys see only the issuer; the other settings are null for them.
 */
export type PartnerIdp = {
  __typename?: 'PartnerIdp';
  /** The `aud` a token must carry. */
  audience: Maybe<Scalars['String']['output']>;
  /** Seconds of clock difference allowed when checking `exp` and `nbf`. */
  clockSkewSeconds: Maybe<Scalars['Int']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The exact `iss` a token must carry; unique within the tenant. */
  issuer: Scalars['String']['output'];
  /** The partner's signing keys as a JSON Web Key Set document, when given inline. */
  jwks: Maybe<Scalars['String']['output']>;
  /** Where the partner publishes its signing keys (JWKS), fetched and cached by the server. */
  jwksUrl: Maybe<Scalars['String']['output']>;
  tenantId: Scalars['ID']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** A partner identity provider: give exactly one of jwksUrl and jwks. */
export type PartnerIdpInput = {
  /** 1-500 characters, no spaces. */
  audience: Scalars['String']['input'];
  /** 0-300. */
  clockSkewSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** 1-500 characters, no spaces. */
  issuer: Scalars['String']['input'];
  /** A JSON Web Key Set document with 1-20 public RSA, EC or OKP keys (at most 64 KiB). */
  jwks?: InputMaybe<Scalars['String']['input']>;
  /** An https URL of the partner's JWKS. */
  jwksUrl?: InputMaybe<Scalars['String']['input']>;
};

export type Query = {
  __typename?: 'Query';
  apiKeys: ApiKeyPage;
  /**
   * The audit log, newest first. Platform admins see every event, or one tenant's; a tenant's
   * admins and viewers see their own tenant's. since is inclusive, until exclusive; outcome is OK
   * or an error code; targetId keeps the events that name that record among their targets.
   */
  auditEvents: AuditEventPage;
  device: Maybe<Device>;
  devices: DevicePage;
  endUser: Maybe<EndUser>;
  endUsers: EndUserPage;
  file: Maybe<File>;
  fileByPath: Maybe<File>;
  /** A device sees its own user's files; an operator names the user. */
  files: FilePage;
  /**
   * The library as it was at `at`, by server commit time: each file's newest version committed by
   * then; files in trash at that time are left out, files trashed later are in. Ordered by path.
   */
  libraryAt: LibraryEntryPage;
  operator: Maybe<Operator>;
  operators: OperatorPage;
  restorePlan: RestorePlan;
  /** Plans for many versions in one call (at most 200), in the order asked; a device restoring many small files needs one round trip per batch, not per file. */
  restorePlans: Array<RestorePlan>;
  /** Scrub findings, newest first: a platform admin's across tenants, a tenant operator's own. resolved false (default) lists open ones, true closed ones, null both. */
  scrubFindings: ScrubFindingPage;
  tenant: Maybe<Tenant>;
  tenantSettings: TenantSettings;
  tenants: TenantPage;
  /** Files in trash, most recently deleted first. A device sees its own user's; an operator names the user. */
  trash: FilePage;
  userKey: UserKey;
  version: Maybe<Version>;
  versions: VersionPage;
  viewer: Viewer;
};


export type QueryApiKeysArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  tenantId: Scalars['ID']['input'];
};


export type QueryAuditEventsArgs = {
  actorId?: InputMaybe<Scalars['ID']['input']>;
  actorKind?: InputMaybe<AuditActorKind>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  operation?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryDeviceArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDevicesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEndUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEndUsersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryFileArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFileByPathArgs = {
  path: Scalars['String']['input'];
};


export type QueryFilesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  pathPrefix?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryLibraryAtArgs = {
  at: Scalars['DateTime']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  pathPrefix?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryOperatorArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOperatorsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRestorePlanArgs = {
  versionId: Scalars['ID']['input'];
};


export type QueryRestorePlansArgs = {
  versionIds: Array<Scalars['ID']['input']>;
};


export type QueryScrubFindingsArgs = {
  kind?: InputMaybe<ScrubFindingKind>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  resolved?: InputMaybe<Scalars['Boolean']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryTenantArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTenantSettingsArgs = {
  tenantId: Scalars['ID']['input'];
};


export type QueryTenantsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTrashArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryVersionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVersionsArgs = {
  fileId: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};

export type RegisterDeviceInput = {
  /** The app's version, e.g. 2.4.1 (1-50 characters). Builds that send none still register. */
  appVersion?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  platform: Scalars['String']['input'];
};

/** One chunk of a version, in order, with a short-lived signed URL to fetch its stored bytes. */
export type RestoreChunk = {
  __typename?: 'RestoreChunk';
  /** SHA-256 hex of the stored object, checked on download. */
  checksum: Scalars['String']['output'];
  chunkId: Scalars['String']['output'];
  index: Scalars['Int']['output'];
  /** Offset of the chunk's plaintext in the file. */
  offset: Scalars['Int64']['output'];
  plainSize: Scalars['Int64']['output'];
  /** Size of the stored (encrypted) object. */
  size: Scalars['Int64']['output'];
  /** Absolute, or relative to the server URL. */
  url: Scalars['String']['output'];
};

export type RestorePlan = {
  __typename?: 'RestorePlan';
  chunks: Array<RestoreChunk>;
  path: Scalars['String']['output'];
  version: Version;
};

/** Something the scrub job found wrong with a stored chunk object. */
export type ScrubFinding = {
  __typename?: 'ScrubFinding';
  /** The chunk whose row names the object; absent for an orphan. */
  chunkId: Maybe<Scalars['String']['output']>;
  detail: Scalars['String']['output'];
  firstSeenAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: ScrubFindingKind;
  lastSeenAt: Scalars['DateTime']['output'];
  /** The object's key in the blob store. */
  objectKey: Scalars['String']['output'];
  resolution: Maybe<ScrubResolution>;
  resolvedAt: Maybe<Scalars['DateTime']['output']>;
  /** How many scrub runs saw it. */
  sightings: Scalars['Int']['output'];
  tenantId: Scalars['ID']['output'];
  userId: Maybe<Scalars['ID']['output']>;
};

export type ScrubFindingKind =
  /** The stored object's size or SHA-256 differs from what its chunk row recorded. */
  | 'CORRUPT'
  /** A chunk row names an object the store does not hold. */
  | 'MISSING'
  /** A stored object no chunk row names, older than the orphan grace period. */
  | 'ORPHANED';

export type ScrubFindingPage = {
  __typename?: 'ScrubFindingPage';
  items: Array<ScrubFinding>;
  total: Scalars['Int']['output'];
};

export type ScrubRequest = {
  __typename?: 'ScrubRequest';
  /** The queued job; its run shows up as new or updated findings. */
  jobId: Scalars['ID']['output'];
};

/** How a finding closed. */
export type ScrubResolution =
  /** The scrub deleted the orphan after seeing it again a grace period later. */
  | 'DELETED'
  /** The object, or the chunk row that named it, was removed by other means. */
  | 'GONE'
  /** A later scrub read the object back whole and matching its row. */
  | 'HEALTHY'
  /** A chunk row now names the object once reported as orphaned. */
  | 'REFERENCED';

/** An operator's signed-in session. */
export type Session = {
  __typename?: 'Session';
  expiresAt: Scalars['DateTime']['output'];
  operator: Operator;
  refreshExpiresAt: Maybe<Scalars['DateTime']['output']>;
  /**
   * Opaque and single-use: refreshSession trades it for a new access token and a new refresh
   * token. Presenting one that was already traded ends the whole session. Absent for a
   * restricted session.
   */
  refreshToken: Maybe<Scalars['String']['output']>;
  /** Null for a full session. */
  restriction: Maybe<SessionRestriction>;
  /** Short-lived access token (JWT): send it as a bearer token. Logout revokes it at once. */
  token: Scalars['String']['output'];
};

/**
 * What a session may not do yet. A restricted session may only take the step it names, read
 * `viewer` and `logout`; every other operation is FORBIDDEN with `extensions.reason` set to it.
 */
export type SessionRestriction =
  /** The password was given to the operator by someone else: choose a new one (changePassword). */
  | 'PASSWORD_CHANGE_REQUIRED'
  /** A platform or tenant admin signs in for the first time: enrol a TOTP authenticator. */
  | 'TOTP_ENROLMENT_REQUIRED';

export type Subscription = {
  __typename?: 'Subscription';
  /** Commits to a user's library as they land. A device hears its own user; an operator names one. */
  fileEvents: FileEvent;
};


export type SubscriptionFileEventsArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};

export type Tenant = {
  __typename?: 'Tenant';
  conflictPolicy: ConflictPolicy;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  status: TenantStatus;
  userCount: Scalars['Int']['output'];
};

export type TenantPage = {
  __typename?: 'TenantPage';
  items: Array<Tenant>;
  total: Scalars['Int']['output'];
};

/** A tenant's settings: tenant admins and platform admins change them; viewers read them. */
export type TenantSettings = {
  __typename?: 'TenantSettings';
  conflictPolicy: ConflictPolicy;
  /**
   * Stored and shown, not applied yet: until a later release chunks are deduplicated per user
   * whatever this says.
   */
  dedupScope: DedupScope;
  /**
   * Default retention: how many versions of a file to keep (null keeps all). Stored and validated;
   * the retention job that applies it comes in a later release.
   */
  keepLastVersions: Maybe<Scalars['Int']['output']>;
  /** Devices (not revoked) one user may have; registering one more fails DEVICE_LIMIT_REACHED. Null: no limit. */
  maxDevicesPerUser: Maybe<Scalars['Int']['output']>;
  partnerIdps: Array<PartnerIdp>;
  tenantId: Scalars['ID']['output'];
  /** Default retention: days a file stays in trash before it is removed for good (by the retention job, in a later release). */
  trashRetentionDays: Scalars['Int']['output'];
};

/**
 * The settings to change; a field left out stays as it is. Every value is checked before anything
 * is stored: one bad value changes nothing.
 */
export type TenantSettingsInput = {
  conflictPolicy?: InputMaybe<ConflictPolicy>;
  dedupScope?: InputMaybe<DedupScope>;
  /** 1-10000, or null to keep every version. */
  keepLastVersions?: InputMaybe<Scalars['Int']['input']>;
  /** 1-10000, or null for no limit. */
  maxDevicesPerUser?: InputMaybe<Scalars['Int']['input']>;
  /** 1-3650. */
  trashRetentionDays?: InputMaybe<Scalars['Int']['input']>;
};

export type TenantStatus =
  | 'ACTIVE'
  | 'READ_ONLY'
  | 'SUSPENDED';

/** The answer to a confirmed enrolment. */
export type TotpEnrolled = {
  __typename?: 'TotpEnrolled';
  /** One-time codes, shown only here and stored hashed: each signs in once in place of a TOTP code. */
  recoveryCodes: Array<Scalars['String']['output']>;
  session: Session;
};

/** A TOTP secret waiting for confirmation with a code from the authenticator. */
export type TotpEnrolment = {
  __typename?: 'TotpEnrolment';
  /** The otpauth:// URI the QR code holds. */
  otpauthUri: Scalars['String']['output'];
  /** A PNG of the QR code as a data: URL. */
  qrCodeDataUrl: Scalars['String']['output'];
  /** Base32, for typing into an authenticator app by hand. */
  secret: Scalars['String']['output'];
};

export type UploadPlan = {
  __typename?: 'UploadPlan';
  /** Chunks to send; every other declared chunk is already stored. */
  missing: Array<UploadTarget>;
};

/** Where to send one chunk that the server does not yet have. */
export type UploadTarget = {
  __typename?: 'UploadTarget';
  chunkId: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  method: Scalars['String']['output'];
  /** Absolute, or relative to the server URL. */
  url: Scalars['String']['output'];
};

/** The user's master key material, unwrapped for an authenticated device (managed mode). */
export type UserKey = {
  __typename?: 'UserKey';
  /** Base64 of 32 key bytes. */
  key: Scalars['String']['output'];
  keyId: Scalars['ID']['output'];
};

export type UserToken = {
  __typename?: 'UserToken';
  expiresAt: Scalars['DateTime']['output'];
  token: Scalars['String']['output'];
  user: EndUser;
};

/** An immutable snapshot of a file's content. */
export type Version = {
  __typename?: 'Version';
  baseVersionId: Maybe<Scalars['ID']['output']>;
  chunkCount: Scalars['Int']['output'];
  clientMtime: Maybe<Scalars['DateTime']['output']>;
  /** Hex digest the SDK computed over the plaintext (keyed, so it reveals nothing). */
  contentHash: Scalars['String']['output'];
  /** Server commit time; point-in-time reads compare against it. */
  createdAt: Scalars['DateTime']['output'];
  /** True for the marker a deletion writes: it has no content and is never a head. */
  deleted: Scalars['Boolean']['output'];
  deviceId: Maybe<Scalars['ID']['output']>;
  fileId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  /** Server-assigned order; device clocks never order versions. */
  seq: Scalars['Int64']['output'];
  size: Scalars['Int64']['output'];
};

export type VersionPage = {
  __typename?: 'VersionPage';
  items: Array<Version>;
  total: Scalars['Int']['output'];
};

export type Viewer = {
  __typename?: 'Viewer';
  /** The calling API key, with its scopes and expiry. */
  apiKey: Maybe<ApiKey>;
  deviceId: Maybe<Scalars['ID']['output']>;
  kind: ActorKind;
  operator: Maybe<Operator>;
  /** For an operator's restricted session: the step it must take first. */
  sessionRestriction: Maybe<SessionRestriction>;
  tenantId: Maybe<Scalars['ID']['output']>;
  userId: Maybe<Scalars['ID']['output']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ActorKind: ActorKind;
  ApiKey: ResolverTypeWrapper<ApiKeyRow>;
  ApiKeyPage: ResolverTypeWrapper<Omit<ApiKeyPage, 'items'> & { items: Array<ResolversTypes['ApiKey']> }>;
  ApiKeyScope: ApiKeyScope;
  AuditActorKind: AuditActorKind;
  AuditEvent: ResolverTypeWrapper<AuditEventRow>;
  AuditEventPage: ResolverTypeWrapper<Omit<AuditEventPage, 'items'> & { items: Array<ResolversTypes['AuditEvent']> }>;
  AuditItems: ResolverTypeWrapper<AuditItems>;
  AuditTarget: ResolverTypeWrapper<AuditTarget>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChunkDeclaration: ChunkDeclaration;
  CommitError: ResolverTypeWrapper<CommitError>;
  CommitOutcome: ResolverTypeWrapper<Omit<CommitOutcome, 'file' | 'version'> & { file?: Maybe<ResolversTypes['File']>, version?: Maybe<ResolversTypes['Version']> }>;
  CommitVersionInput: CommitVersionInput;
  CommittedChunk: CommittedChunk;
  ConflictPolicy: ConflictPolicy;
  CreateOperatorInput: CreateOperatorInput;
  CreateTenantInput: CreateTenantInput;
  CreatedApiKey: ResolverTypeWrapper<Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DedupScope: DedupScope;
  DeleteFileInput: DeleteFileInput;
  Device: ResolverTypeWrapper<DeviceRow>;
  DevicePage: ResolverTypeWrapper<Omit<DevicePage, 'items'> & { items: Array<ResolversTypes['Device']> }>;
  DeviceRegistration: ResolverTypeWrapper<Omit<DeviceRegistration, 'device'> & { device: ResolversTypes['Device'] }>;
  EmptyTrashResult: ResolverTypeWrapper<EmptyTrashResult>;
  EndUser: ResolverTypeWrapper<EndUserRow>;
  EndUserPage: ResolverTypeWrapper<Omit<EndUserPage, 'items'> & { items: Array<ResolversTypes['EndUser']> }>;
  File: ResolverTypeWrapper<FileRow>;
  FileEvent: ResolverTypeWrapper<FileEventMessage>;
  FileEventKind: FileEventKind;
  FileOutcome: ResolverTypeWrapper<Omit<FileOutcome, 'file'> & { file?: Maybe<ResolversTypes['File']> }>;
  FilePage: ResolverTypeWrapper<Omit<FilePage, 'items'> & { items: Array<ResolversTypes['File']> }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Int64: ResolverTypeWrapper<Scalars['Int64']['output']>;
  ItemError: ResolverTypeWrapper<ItemError>;
  LibraryEntry: ResolverTypeWrapper<Omit<LibraryEntry, 'file' | 'version'> & { file: ResolversTypes['File'], version: ResolversTypes['Version'] }>;
  LibraryEntryPage: ResolverTypeWrapper<Omit<LibraryEntryPage, 'items'> & { items: Array<ResolversTypes['LibraryEntry']> }>;
  MoveFileInput: MoveFileInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Operator: ResolverTypeWrapper<OperatorRow>;
  OperatorPage: ResolverTypeWrapper<Omit<OperatorPage, 'items'> & { items: Array<ResolversTypes['Operator']> }>;
  OperatorRole: OperatorRole;
  OperatorWithPassword: ResolverTypeWrapper<Omit<OperatorWithPassword, 'operator'> & { operator: ResolversTypes['Operator'] }>;
  PartnerIdp: ResolverTypeWrapper<PartnerIdpRow>;
  PartnerIdpInput: PartnerIdpInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterDeviceInput: RegisterDeviceInput;
  RestoreChunk: ResolverTypeWrapper<RestoreChunk>;
  RestorePlan: ResolverTypeWrapper<Omit<RestorePlan, 'version'> & { version: ResolversTypes['Version'] }>;
  ScrubFinding: ResolverTypeWrapper<ScrubFindingRow>;
  ScrubFindingKind: ScrubFindingKind;
  ScrubFindingPage: ResolverTypeWrapper<Omit<ScrubFindingPage, 'items'> & { items: Array<ResolversTypes['ScrubFinding']> }>;
  ScrubRequest: ResolverTypeWrapper<ScrubRequest>;
  ScrubResolution: ScrubResolution;
  Session: ResolverTypeWrapper<Omit<Session, 'operator'> & { operator: ResolversTypes['Operator'] }>;
  SessionRestriction: SessionRestriction;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Tenant: ResolverTypeWrapper<TenantRow>;
  TenantPage: ResolverTypeWrapper<Omit<TenantPage, 'items'> & { items: Array<ResolversTypes['Tenant']> }>;
  TenantSettings: ResolverTypeWrapper<TenantRow>;
  TenantSettingsInput: TenantSettingsInput;
  TenantStatus: TenantStatus;
  TotpEnrolled: ResolverTypeWrapper<Omit<TotpEnrolled, 'session'> & { session: ResolversTypes['Session'] }>;
  TotpEnrolment: ResolverTypeWrapper<TotpEnrolment>;
  UploadPlan: ResolverTypeWrapper<UploadPlan>;
  UploadTarget: ResolverTypeWrapper<UploadTarget>;
  UserKey: ResolverTypeWrapper<UserKey>;
  UserToken: ResolverTypeWrapper<Omit<UserToken, 'user'> & { user: ResolversTypes['EndUser'] }>;
  Version: ResolverTypeWrapper<VersionRow>;
  VersionPage: ResolverTypeWrapper<Omit<VersionPage, 'items'> & { items: Array<ResolversTypes['Version']> }>;
  Viewer: ResolverTypeWrapper<Omit<Viewer, 'apiKey' | 'operator'> & { apiKey?: Maybe<ResolversTypes['ApiKey']>, operator?: Maybe<ResolversTypes['Operator']> }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiKey: ApiKeyRow;
  ApiKeyPage: Omit<ApiKeyPage, 'items'> & { items: Array<ResolversParentTypes['ApiKey']> };
  AuditEvent: AuditEventRow;
  AuditEventPage: Omit<AuditEventPage, 'items'> & { items: Array<ResolversParentTypes['AuditEvent']> };
  AuditItems: AuditItems;
  AuditTarget: AuditTarget;
  Boolean: Scalars['Boolean']['output'];
  ChunkDeclaration: ChunkDeclaration;
  CommitError: CommitError;
  CommitOutcome: Omit<CommitOutcome, 'file' | 'version'> & { file?: Maybe<ResolversParentTypes['File']>, version?: Maybe<ResolversParentTypes['Version']> };
  CommitVersionInput: CommitVersionInput;
  CommittedChunk: CommittedChunk;
  CreateOperatorInput: CreateOperatorInput;
  CreateTenantInput: CreateTenantInput;
  CreatedApiKey: Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  DateTime: Scalars['DateTime']['output'];
  DeleteFileInput: DeleteFileInput;
  Device: DeviceRow;
  DevicePage: Omit<DevicePage, 'items'> & { items: Array<ResolversParentTypes['Device']> };
  DeviceRegistration: Omit<DeviceRegistration, 'device'> & { device: ResolversParentTypes['Device'] };
  EmptyTrashResult: EmptyTrashResult;
  EndUser: EndUserRow;
  EndUserPage: Omit<EndUserPage, 'items'> & { items: Array<ResolversParentTypes['EndUser']> };
  File: FileRow;
  FileEvent: FileEventMessage;
  FileOutcome: Omit<FileOutcome, 'file'> & { file?: Maybe<ResolversParentTypes['File']> };
  FilePage: Omit<FilePage, 'items'> & { items: Array<ResolversParentTypes['File']> };
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Int64: Scalars['Int64']['output'];
  ItemError: ItemError;
  LibraryEntry: Omit<LibraryEntry, 'file' | 'version'> & { file: ResolversParentTypes['File'], version: ResolversParentTypes['Version'] };
  LibraryEntryPage: Omit<LibraryEntryPage, 'items'> & { items: Array<ResolversParentTypes['LibraryEntry']> };
  MoveFileInput: MoveFileInput;
  Mutation: Record<PropertyKey, never>;
  Operator: OperatorRow;
  OperatorPage: Omit<OperatorPage, 'items'> & { items: Array<ResolversParentTypes['Operator']> };
  OperatorWithPassword: Omit<OperatorWithPassword, 'operator'> & { operator: ResolversParentTypes['Operator'] };
  PartnerIdp: PartnerIdpRow;
  PartnerIdpInput: PartnerIdpInput;
  Query: Record<PropertyKey, never>;
  RegisterDeviceInput: RegisterDeviceInput;
  RestoreChunk: RestoreChunk;
  RestorePlan: Omit<RestorePlan, 'version'> & { version: ResolversParentTypes['Version'] };
  ScrubFinding: ScrubFindingRow;
  ScrubFindingPage: Omit<ScrubFindingPage, 'items'> & { items: Array<ResolversParentTypes['ScrubFinding']> };
  ScrubRequest: ScrubRequest;
  Session: Omit<Session, 'operator'> & { operator: ResolversParentTypes['Operator'] };
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Tenant: TenantRow;
  TenantPage: Omit<TenantPage, 'items'> & { items: Array<ResolversParentTypes['Tenant']> };
  TenantSettings: TenantRow;
  TenantSettingsInput: TenantSettingsInput;
  TotpEnrolled: Omit<TotpEnrolled, 'session'> & { session: ResolversParentTypes['Session'] };
  TotpEnrolment: TotpEnrolment;
  UploadPlan: UploadPlan;
  UploadTarget: UploadTarget;
  UserKey: UserKey;
  UserToken: Omit<UserToken, 'user'> & { user: ResolversParentTypes['EndUser'] };
  Version: VersionRow;
  VersionPage: Omit<VersionPage, 'items'> & { items: Array<ResolversParentTypes['Version']> };
  Viewer: Omit<Viewer, 'apiKey' | 'operator'> & { apiKey?: Maybe<ResolversParentTypes['ApiKey']>, operator?: Maybe<ResolversParentTypes['Operator']> };
};

export type ApiKeyResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  scopes?: Resolver<Maybe<Array<ResolversTypes['ApiKeyScope']>>, ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ApiKeyPageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ApiKeyPage'] = ResolversParentTypes['ApiKeyPage']> = {
  items?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  actorId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  actorKind?: Resolver<ResolversTypes['AuditActorKind'], ParentType, ContextType>;
  arguments?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clientIp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Maybe<ResolversTypes['AuditItems']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  targets?: Resolver<Array<ResolversTypes['AuditTarget']>, ParentType, ContextType>;
  tenantId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditEventPageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditEventPage'] = ResolversParentTypes['AuditEventPage']> = {
  items?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditItemsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditItems'] = ResolversParentTypes['AuditItems']> = {
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failureCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditTargetResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditTarget'] = ResolversParentTypes['AuditTarget']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CommitErrorResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CommitError'] = ResolversParentTypes['CommitError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  missingChunkIds?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  retryable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CommitOutcomeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CommitOutcome'] = ResolversParentTypes['CommitOutcome']> = {
  conflict?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['CommitError']>, ParentType, ContextType>;
  file?: Resolver<Maybe<ResolversTypes['File']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trashed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Version']>, ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeviceResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Device'] = ResolversParentTypes['Device']> = {
  appVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastSeenAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  platform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DevicePageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DevicePage'] = ResolversParentTypes['DevicePage']> = {
  items?: Resolver<Array<ResolversTypes['Device']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DeviceRegistrationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DeviceRegistration'] = ResolversParentTypes['DeviceRegistration']> = {
  device?: Resolver<ResolversTypes['Device'], ParentType, ContextType>;
  deviceToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  userKey?: Resolver<ResolversTypes['UserKey'], ParentType, ContextType>;
};

export type EmptyTrashResultResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EmptyTrashResult'] = ResolversParentTypes['EmptyTrashResult']> = {
  bytesReleased?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  filesPurged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  versionsPurged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EndUserResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EndUser'] = ResolversParentTypes['EndUser']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deviceCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fileCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  storedBytes?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type EndUserPageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EndUserPage'] = ResolversParentTypes['EndUserPage']> = {
  items?: Resolver<Array<ResolversTypes['EndUser']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FileResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['File'] = ResolversParentTypes['File']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deviceAssetId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  head?: Resolver<Maybe<ResolversTypes['Version']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  trashedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  versionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FileEventResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['FileEvent'] = ResolversParentTypes['FileEvent']> = {
  file?: Resolver<ResolversTypes['File'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['FileEventKind'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Version'], ParentType, ContextType>;
};

export type FileOutcomeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['FileOutcome'] = ResolversParentTypes['FileOutcome']> = {
  error?: Resolver<Maybe<ResolversTypes['ItemError']>, ParentType, ContextType>;
  file?: Resolver<Maybe<ResolversTypes['File']>, ParentType, ContextType>;
  fileId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type FilePageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['FilePage'] = ResolversParentTypes['FilePage']> = {
  items?: Resolver<Array<ResolversTypes['File']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface Int64ScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Int64'], any> {
  name: 'Int64';
}

export type ItemErrorResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ItemError'] = ResolversParentTypes['ItemError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LibraryEntryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LibraryEntry'] = ResolversParentTypes['LibraryEntry']> = {
  file?: Resolver<ResolversTypes['File'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Version'], ParentType, ContextType>;
};

export type LibraryEntryPageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LibraryEntryPage'] = ResolversParentTypes['LibraryEntryPage']> = {
  items?: Resolver<Array<ResolversTypes['LibraryEntry']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  changePassword?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'currentPassword' | 'newPassword'>>;
  commitVersion?: Resolver<ResolversTypes['CommitOutcome'], ParentType, ContextType, RequireFields<MutationCommitVersionArgs, 'input'>>;
  commitVersions?: Resolver<Array<ResolversTypes['CommitOutcome']>, ParentType, ContextType, RequireFields<MutationCommitVersionsArgs, 'inputs'>>;
  confirmTotpEnrolment?: Resolver<ResolversTypes['TotpEnrolled'], ParentType, ContextType, RequireFields<MutationConfirmTotpEnrolmentArgs, 'code'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'name' | 'scopes' | 'tenantId'>>;
  createOperator?: Resolver<ResolversTypes['OperatorWithPassword'], ParentType, ContextType, RequireFields<MutationCreateOperatorArgs, 'input'>>;
  createTenant?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType, RequireFields<MutationCreateTenantArgs, 'input'>>;
  deleteFiles?: Resolver<Array<ResolversTypes['FileOutcome']>, ParentType, ContextType, RequireFields<MutationDeleteFilesArgs, 'inputs'>>;
  deleteOperator?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteOperatorArgs, 'id'>>;
  disableOperator?: Resolver<ResolversTypes['Operator'], ParentType, ContextType, RequireFields<MutationDisableOperatorArgs, 'id'>>;
  emptyTrash?: Resolver<ResolversTypes['EmptyTrashResult'], ParentType, ContextType, Partial<MutationEmptyTrashArgs>>;
  enableOperator?: Resolver<ResolversTypes['Operator'], ParentType, ContextType, RequireFields<MutationEnableOperatorArgs, 'id'>>;
  login?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'email' | 'password'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  mintUserToken?: Resolver<ResolversTypes['UserToken'], ParentType, ContextType, RequireFields<MutationMintUserTokenArgs, 'externalId' | 'ttlSeconds'>>;
  moveFiles?: Resolver<Array<ResolversTypes['FileOutcome']>, ParentType, ContextType, RequireFields<MutationMoveFilesArgs, 'inputs'>>;
  prepareUpload?: Resolver<ResolversTypes['UploadPlan'], ParentType, ContextType, RequireFields<MutationPrepareUploadArgs, 'chunks'>>;
  refreshSession?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationRefreshSessionArgs, 'refreshToken'>>;
  registerDevice?: Resolver<ResolversTypes['DeviceRegistration'], ParentType, ContextType, RequireFields<MutationRegisterDeviceArgs, 'input'>>;
  registerPartnerIdp?: Resolver<ResolversTypes['PartnerIdp'], ParentType, ContextType, RequireFields<MutationRegisterPartnerIdpArgs, 'input' | 'tenantId'>>;
  removePartnerIdp?: Resolver<ResolversTypes['PartnerIdp'], ParentType, ContextType, RequireFields<MutationRemovePartnerIdpArgs, 'id'>>;
  resetOperatorPassword?: Resolver<ResolversTypes['OperatorWithPassword'], ParentType, ContextType, RequireFields<MutationResetOperatorPasswordArgs, 'id' | 'resetTotp'>>;
  restoreFiles?: Resolver<Array<ResolversTypes['FileOutcome']>, ParentType, ContextType, RequireFields<MutationRestoreFilesArgs, 'fileIds'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  revokeDevice?: Resolver<ResolversTypes['Device'], ParentType, ContextType, RequireFields<MutationRevokeDeviceArgs, 'id'>>;
  runScrub?: Resolver<ResolversTypes['ScrubRequest'], ParentType, ContextType>;
  setTenantStatus?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType, RequireFields<MutationSetTenantStatusArgs, 'id' | 'status'>>;
  signInWithPartnerToken?: Resolver<ResolversTypes['UserToken'], ParentType, ContextType, RequireFields<MutationSignInWithPartnerTokenArgs, 'tenantId' | 'token'>>;
  startTotpEnrolment?: Resolver<ResolversTypes['TotpEnrolment'], ParentType, ContextType>;
  updatePartnerIdp?: Resolver<ResolversTypes['PartnerIdp'], ParentType, ContextType, RequireFields<MutationUpdatePartnerIdpArgs, 'id' | 'input'>>;
  updateTenantSettings?: Resolver<ResolversTypes['TenantSettings'], ParentType, ContextType, RequireFields<MutationUpdateTenantSettingsArgs, 'input' | 'tenantId'>>;
  upsertEndUser?: Resolver<ResolversTypes['EndUser'], ParentType, ContextType, RequireFields<MutationUpsertEndUserArgs, 'externalId'>>;
};

export type OperatorResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Operator'] = ResolversParentTypes['Operator']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  disabledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mustChangePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['OperatorRole'], ParentType, ContextType>;
  tenantId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  totpEnabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type OperatorPageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['OperatorPage'] = ResolversParentTypes['OperatorPage']> = {
  items?: Resolver<Array<ResolversTypes['Operator']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OperatorWithPasswordResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['OperatorWithPassword'] = ResolversParentTypes['OperatorWithPassword']> = {
  operator?: Resolver<ResolversTypes['Operator'], ParentType, ContextType>;
  temporaryPassword?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PartnerIdpResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PartnerIdp'] = ResolversParentTypes['PartnerIdp']> = {
  audience?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clockSkewSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  jwks?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  jwksUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<ResolversTypes['ApiKeyPage'], ParentType, ContextType, RequireFields<QueryApiKeysArgs, 'limit' | 'offset' | 'tenantId'>>;
  auditEvents?: Resolver<ResolversTypes['AuditEventPage'], ParentType, ContextType, RequireFields<QueryAuditEventsArgs, 'limit' | 'offset'>>;
  device?: Resolver<Maybe<ResolversTypes['Device']>, ParentType, ContextType, RequireFields<QueryDeviceArgs, 'id'>>;
  devices?: Resolver<ResolversTypes['DevicePage'], ParentType, ContextType, RequireFields<QueryDevicesArgs, 'limit' | 'offset'>>;
  endUser?: Resolver<Maybe<ResolversTypes['EndUser']>, ParentType, ContextType, RequireFields<QueryEndUserArgs, 'id'>>;
  endUsers?: Resolver<ResolversTypes['EndUserPage'], ParentType, ContextType, RequireFields<QueryEndUsersArgs, 'limit' | 'offset'>>;
  file?: Resolver<Maybe<ResolversTypes['File']>, ParentType, ContextType, RequireFields<QueryFileArgs, 'id'>>;
  fileByPath?: Resolver<Maybe<ResolversTypes['File']>, ParentType, ContextType, RequireFields<QueryFileByPathArgs, 'path'>>;
  files?: Resolver<ResolversTypes['FilePage'], ParentType, ContextType, RequireFields<QueryFilesArgs, 'limit' | 'offset'>>;
  libraryAt?: Resolver<ResolversTypes['LibraryEntryPage'], ParentType, ContextType, RequireFields<QueryLibraryAtArgs, 'at' | 'limit' | 'offset'>>;
  operator?: Resolver<Maybe<ResolversTypes['Operator']>, ParentType, ContextType, RequireFields<QueryOperatorArgs, 'id'>>;
  operators?: Resolver<ResolversTypes['OperatorPage'], ParentType, ContextType, RequireFields<QueryOperatorsArgs, 'limit' | 'offset'>>;
  restorePlan?: Resolver<ResolversTypes['RestorePlan'], ParentType, ContextType, RequireFields<QueryRestorePlanArgs, 'versionId'>>;
  restorePlans?: Resolver<Array<ResolversTypes['RestorePlan']>, ParentType, ContextType, RequireFields<QueryRestorePlansArgs, 'versionIds'>>;
  scrubFindings?: Resolver<ResolversTypes['ScrubFindingPage'], ParentType, ContextType, RequireFields<QueryScrubFindingsArgs, 'limit' | 'offset' | 'resolved'>>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType, RequireFields<QueryTenantArgs, 'id'>>;
  tenantSettings?: Resolver<ResolversTypes['TenantSettings'], ParentType, ContextType, RequireFields<QueryTenantSettingsArgs, 'tenantId'>>;
  tenants?: Resolver<ResolversTypes['TenantPage'], ParentType, ContextType, RequireFields<QueryTenantsArgs, 'limit' | 'offset'>>;
  trash?: Resolver<ResolversTypes['FilePage'], ParentType, ContextType, RequireFields<QueryTrashArgs, 'limit' | 'offset'>>;
  userKey?: Resolver<ResolversTypes['UserKey'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Version']>, ParentType, ContextType, RequireFields<QueryVersionArgs, 'id'>>;
  versions?: Resolver<ResolversTypes['VersionPage'], ParentType, ContextType, RequireFields<QueryVersionsArgs, 'fileId' | 'limit' | 'offset'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type RestoreChunkResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RestoreChunk'] = ResolversParentTypes['RestoreChunk']> = {
  checksum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  chunkId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  offset?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  plainSize?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RestorePlanResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RestorePlan'] = ResolversParentTypes['RestorePlan']> = {
  chunks?: Resolver<Array<ResolversTypes['RestoreChunk']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Version'], ParentType, ContextType>;
};

export type ScrubFindingResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScrubFinding'] = ResolversParentTypes['ScrubFinding']> = {
  chunkId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ScrubFindingKind'], ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  objectKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resolution?: Resolver<Maybe<ResolversTypes['ScrubResolution']>, ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  sightings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type ScrubFindingPageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScrubFindingPage'] = ResolversParentTypes['ScrubFindingPage']> = {
  items?: Resolver<Array<ResolversTypes['ScrubFinding']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ScrubRequestResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScrubRequest'] = ResolversParentTypes['ScrubRequest']> = {
  jobId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type SessionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  operator?: Resolver<ResolversTypes['Operator'], ParentType, ContextType>;
  refreshExpiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  refreshToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  restriction?: Resolver<Maybe<ResolversTypes['SessionRestriction']>, ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  fileEvents?: SubscriptionResolver<ResolversTypes['FileEvent'], "fileEvents", ParentType, ContextType, Partial<SubscriptionFileEventsArgs>>;
};

export type TenantResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant']> = {
  conflictPolicy?: Resolver<ResolversTypes['ConflictPolicy'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TenantStatus'], ParentType, ContextType>;
  userCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TenantPageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['TenantPage'] = ResolversParentTypes['TenantPage']> = {
  items?: Resolver<Array<ResolversTypes['Tenant']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TenantSettingsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['TenantSettings'] = ResolversParentTypes['TenantSettings']> = {
  conflictPolicy?: Resolver<ResolversTypes['ConflictPolicy'], ParentType, ContextType>;
  dedupScope?: Resolver<ResolversTypes['DedupScope'], ParentType, ContextType>;
  keepLastVersions?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxDevicesPerUser?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  partnerIdps?: Resolver<Array<ResolversTypes['PartnerIdp']>, ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  trashRetentionDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TotpEnrolledResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['TotpEnrolled'] = ResolversParentTypes['TotpEnrolled']> = {
  recoveryCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  session?: Resolver<ResolversTypes['Session'], ParentType, ContextType>;
};

export type TotpEnrolmentResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['TotpEnrolment'] = ResolversParentTypes['TotpEnrolment']> = {
  otpauthUri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  qrCodeDataUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UploadPlanResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UploadPlan'] = ResolversParentTypes['UploadPlan']> = {
  missing?: Resolver<Array<ResolversTypes['UploadTarget']>, ParentType, ContextType>;
};

export type UploadTargetResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UploadTarget'] = ResolversParentTypes['UploadTarget']> = {
  chunkId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserKeyResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UserKey'] = ResolversParentTypes['UserKey']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type UserTokenResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UserToken'] = ResolversParentTypes['UserToken']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['EndUser'], ParentType, ContextType>;
};

export type VersionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Version'] = ResolversParentTypes['Version']> = {
  baseVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  chunkCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  clientMtime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  contentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  deviceId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  fileId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
};

export type VersionPageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['VersionPage'] = ResolversParentTypes['VersionPage']> = {
  items?: Resolver<Array<ResolversTypes['Version']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  apiKey?: Resolver<Maybe<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  deviceId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ActorKind'], ParentType, ContextType>;
  operator?: Resolver<Maybe<ResolversTypes['Operator']>, ParentType, ContextType>;
  sessionRestriction?: Resolver<Maybe<ResolversTypes['SessionRestriction']>, ParentType, ContextType>;
  tenantId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = RequestContext> = {
  ApiKey?: ApiKeyResolvers<ContextType>;
  ApiKeyPage?: ApiKeyPageResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventPage?: AuditEventPageResolvers<ContextType>;
  AuditItems?: AuditItemsResolvers<ContextType>;
  AuditTarget?: AuditTargetResolvers<ContextType>;
  CommitError?: CommitErrorResolvers<ContextType>;
  CommitOutcome?: CommitOutcomeResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Device?: DeviceResolvers<ContextType>;
  DevicePage?: DevicePageResolvers<ContextType>;
  DeviceRegistration?: DeviceRegistrationResolvers<ContextType>;
  EmptyTrashResult?: EmptyTrashResultResolvers<ContextType>;
  EndUser?: EndUserResolvers<ContextType>;
  EndUserPage?: EndUserPageResolvers<ContextType>;
  File?: FileResolvers<ContextType>;
  FileEvent?: FileEventResolvers<ContextType>;
  FileOutcome?: FileOutcomeResolvers<ContextType>;
  FilePage?: FilePageResolvers<ContextType>;
  Int64?: GraphQLScalarType;
  ItemError?: ItemErrorResolvers<ContextType>;
  LibraryEntry?: LibraryEntryResolvers<ContextType>;
  LibraryEntryPage?: LibraryEntryPageResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Operator?: OperatorResolvers<ContextType>;
  OperatorPage?: OperatorPageResolvers<ContextType>;
  OperatorWithPassword?: OperatorWithPasswordResolvers<ContextType>;
  PartnerIdp?: PartnerIdpResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RestoreChunk?: RestoreChunkResolvers<ContextType>;
  RestorePlan?: RestorePlanResolvers<ContextType>;
  ScrubFinding?: ScrubFindingResolvers<ContextType>;
  ScrubFindingPage?: ScrubFindingPageResolvers<ContextType>;
  ScrubRequest?: ScrubRequestResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  TenantPage?: TenantPageResolvers<ContextType>;
  TenantSettings?: TenantSettingsResolvers<ContextType>;
  TotpEnrolled?: TotpEnrolledResolvers<ContextType>;
  TotpEnrolment?: TotpEnrolmentResolvers<ContextType>;
  UploadPlan?: UploadPlanResolvers<ContextType>;
  UploadTarget?: UploadTargetResolvers<ContextType>;
  UserKey?: UserKeyResolvers<ContextType>;
  UserToken?: UserTokenResolvers<ContextType>;
  Version?: VersionResolvers<ContextType>;
  VersionPage?: VersionPageResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

