import { ErrorCode } from '@cairn/schema';
import { GraphQLError } from 'graphql';
import { AppError, fromDatabaseError } from '../errors';
import type { AuditItems } from './audit-event';
import { outcomeOk } from './audit-event';

/** The public code a failed call answers with, as the error formatter would send it. */
export function outcomeOfError(error: unknown): string {
  const original =
    error instanceof GraphQLError && error.originalError ? error.originalError : error;
  const known = fromDatabaseError(original);
  return known instanceof AppError ? known.code : ErrorCode.Internal;
}

/**
 * Calls that answer per item (`CommitOutcome`, `FileOutcome`, ...) carry an `error` with a code
 * instead of throwing. A single such answer's code is the call's outcome; a list of them is one
 * event whose outcome is OK, with the items counted.
 */
export function outcomeOfResult(value: unknown): string {
  return Array.isArray(value) ? outcomeOk : (itemErrorCode(value) ?? outcomeOk);
}

export function itemsOf(value: unknown): AuditItems | null {
  if (!Array.isArray(value)) return null;
  const codes = value.map(itemErrorCode).filter((code) => code !== null);
  return { total: value.length, failed: codes.length, failureCodes: [...new Set(codes)].sort() };
}

function itemErrorCode(item: unknown): string | null {
  if (typeof item !== 'object' || item === null || !('error' in item)) return null;
  const { error } = item;
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}
