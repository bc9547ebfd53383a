import { ErrorCode, retryableCodes } from '@cairn/schema';

/**
 * The one error hierarchy of the server. Each class carries a public `ErrorCode`; GraphQL and
 * the data plane map it to `extensions.code` / a JSON body in one place each.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  get retryable(): boolean {
    return retryableCodes.has(this.code);
  }

  get httpStatus(): number {
    switch (this.code) {
      case ErrorCode.Unauthenticated:
        return 401;
      case ErrorCode.Forbidden:
      case ErrorCode.OperationNotAllowed:
        return 403;
      case ErrorCode.NotFound:
        return 404;
      case ErrorCode.Conflict:
        return 409;
      case ErrorCode.RateLimited:
        return 429;
      case ErrorCode.Internal:
        return 500;
      case ErrorCode.BadUserInput:
      case ErrorCode.InvalidPath:
      case ErrorCode.NameTooLong:
      case ErrorCode.ChunksMissing:
      case ErrorCode.ChunkMismatch:
      case ErrorCode.QuotaExceeded:
      case ErrorCode.DeviceLimitReached:
      case ErrorCode.QueryTooComplex:
        return 400;
    }
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'missing, invalid or expired credentials', details = {}) {
    super(ErrorCode.Unauthenticated, message, details);
  }
}

/** The password was right and the operator has TOTP: ask again with a code. */
export class SecondFactorRequiredError extends UnauthenticatedError {
  constructor() {
    super('a TOTP code or a recovery code is required', { reason: 'TOTP_REQUIRED' });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'not allowed for this credential', details = {}) {
    super(ErrorCode.Forbidden, message, details);
  }
}

export class OperationNotAllowedError extends AppError {
  constructor() {
    super(ErrorCode.OperationNotAllowed, "this operation is not on the server's allow-list");
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(ErrorCode.NotFound, `${what} ${id} not found`);
  }
}

export class BadInputError extends AppError {
  constructor(message: string) {
    super(ErrorCode.BadUserInput, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(ErrorCode.Conflict, message);
  }
}

export class ChunkMismatchError extends AppError {
  constructor(message: string) {
    super(ErrorCode.ChunkMismatch, message);
  }
}

export class ChunksMissingError extends AppError {
  constructor(readonly missingChunkIds: string[]) {
    super(ErrorCode.ChunksMissing, `${missingChunkIds.length} chunk(s) are not stored yet`, {
      missingChunkIds,
    });
  }
}

/** The user already has as many devices as the tenant allows. */
export class DeviceLimitError extends AppError {
  constructor(readonly limit: number) {
    super(
      ErrorCode.DeviceLimitReached,
      `this user already has ${limit} device(s), the most this tenant allows; revoke one first`,
      { limit },
    );
  }
}

/** A budget ran out; the caller may try again after `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.RateLimited, `too many requests; retry after ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

export class QueryTooComplexError extends AppError {
  constructor(message: string) {
    super(ErrorCode.QueryTooComplex, message);
  }
}

/** PostgreSQL's unique_violation becomes CONFLICT here and nowhere else. */
export function fromDatabaseError(error: unknown): unknown {
  const unique =
    typeof error === 'object' &&
    error !== null &&
    (errorCode(error) === '23505' ||
      ('name' in error && error.name === 'UniqueConstraintViolationException'));
  if (unique) {
    return new ConflictError('a record with the same unique value already exists');
  }
  // PostgreSQL text cannot hold NUL: as a bound parameter it is 22021; inlined into a query
  // string it ends the protocol message early (08P01). Either way the input was at fault.
  const code = errorCode(error);
  if (code === '22021' || code === '08P01') {
    return new BadInputError('text inputs must be valid UTF-8 without NUL characters');
  }
  return error;
}

/** The `code` of a Node or driver error. Checked structurally: jest's realms break instanceof. */
export function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
