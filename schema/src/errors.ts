/**
 * The public error codes: the value of `extensions.code` on every GraphQL error, and of
 * `code` in every data-plane error body. Clients branch on these, so they never change meaning.
 */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  BadUserInput: 'BAD_USER_INPUT',
  InvalidPath: 'INVALID_PATH',
  NameTooLong: 'NAME_TOO_LONG',
  ChunksMissing: 'CHUNKS_MISSING',
  ChunkMismatch: 'CHUNK_MISMATCH',
  Conflict: 'CONFLICT',
  QuotaExceeded: 'QUOTA_EXCEEDED',
  DeviceLimitReached: 'DEVICE_LIMIT_REACHED',
  RateLimited: 'RATE_LIMITED',
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  OperationNotAllowed: 'OPERATION_NOT_ALLOWED',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes a client should retry after a pause, as sent in `extensions.retryable`. */
export const retryableCodes: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.ChunksMissing,
  ErrorCode.RateLimited,
  ErrorCode.Internal,
]);
