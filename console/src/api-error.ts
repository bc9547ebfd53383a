import { ApolloError } from '@apollo/client';
import { ErrorCode } from '@cairn/schema';
import { HttpError } from 'react-admin';

const statusByCode: Partial<Record<string, number>> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.InvalidPath]: 400,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.RateLimited]: 429,
};

interface WireError {
  message?: unknown;
  extensions?: { code?: unknown; reason?: unknown };
}

/**
 * The first GraphQL error of a failed call. The server answers some errors (a refused
 * credential) with a non-2xx status, which Apollo reports as a network error with the body.
 */
function firstGraphQLError(error: ApolloError): WireError | undefined {
  if (error.graphQLErrors[0]) return error.graphQLErrors[0];
  const body = (error.networkError as { result?: { errors?: WireError[] } } | null)?.result;
  return Array.isArray(body?.errors) ? body.errors[0] : undefined;
}

/** The public error code of a failed call, if the server sent one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof HttpError) {
    const body = error.body as { code?: unknown } | undefined;
    return typeof body?.code === 'string' ? body.code : undefined;
  }
  if (error instanceof ApolloError) {
    const code = firstGraphQLError(error)?.extensions?.code;
    if (typeof code === 'string') return code;
    const status = (error.networkError as { statusCode?: unknown } | null)?.statusCode;
    return status === 401 ? ErrorCode.Unauthenticated : undefined;
  }
  return undefined;
}

/** Why the server refused, where it says more than the code (e.g. `TOTP_REQUIRED`). */
export function errorReason(error: unknown): string | undefined {
  if (error instanceof HttpError) {
    const body = error.body as { reason?: unknown } | undefined;
    return typeof body?.reason === 'string' ? body.reason : undefined;
  }
  if (error instanceof ApolloError) {
    const reason = firstGraphQLError(error)?.extensions?.reason;
    return typeof reason === 'string' ? reason : undefined;
  }
  return undefined;
}

/**
 * react-admin reads `status` to decide what a failure means (401 signs out, 404 shows
 * "not found"), so GraphQL errors are turned into HttpErrors carrying their public code.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const code = errorCode(error) ?? ErrorCode.Internal;
  const serverMessage = error instanceof ApolloError ? firstGraphQLError(error)?.message : null;
  const message =
    typeof serverMessage === 'string'
      ? serverMessage
      : error instanceof Error
        ? error.message
        : String(error);
  return new HttpError(message, statusByCode[code] ?? 500, { code, reason: errorReason(error) });
}
