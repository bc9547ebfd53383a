import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, retryableCodes } from '@cairn/schema';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, fromDatabaseError } from '../errors';
import type { Logger } from '../logger';
import { isTokenLimitError, tokenLimitMessageOf } from './query-limits';

/** Apollo's own codes for requests that never reached a resolver. */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** The one mapping from thrown errors to `extensions.code` and `extensions.retryable`. */
export function makeFormatError(log: Logger, showInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    const original = fromDatabaseError(
      unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError
        ? unwrapped.originalError
        : unwrapped,
    );
    if (original instanceof AppError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, retryable: original.retryable, ...original.details },
      };
    }
    const apolloCode = formatted.extensions?.code;
    if (typeof apolloCode === 'string' && requestErrorCodes.has(apolloCode)) {
      const { stacktrace, ...extensions } = formatted.extensions ?? {};
      const tooBig = isTokenLimitError(formatted);
      return {
        ...formatted,
        message: tooBig ? tokenLimitMessageOf(formatted) : formatted.message,
        extensions: {
          ...extensions,
          code: tooBig ? ErrorCode.QueryTooComplex : ErrorCode.BadUserInput,
          retryable: false,
          ...(showInternals ? { stacktrace } : {}),
        },
      };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: showInternals ? formatted.message : 'internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: ErrorCode.Internal,
        retryable: retryableCodes.has(ErrorCode.Internal),
        ...(showInternals ? { stacktrace: formatted.extensions?.stacktrace } : {}),
      },
    };
  };
}
