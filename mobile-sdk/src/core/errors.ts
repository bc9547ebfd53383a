import type { ErrorCode } from '@cairn/schema';

/** Failures the SDK detects on its own side, next to the server's public codes. */
export const SdkErrorCode = {
  NetworkError: 'NETWORK_ERROR',
  ChunkFormatUnsupported: 'CHUNK_FORMAT_UNSUPPORTED',
  ChunkWrongKey: 'CHUNK_WRONG_KEY',
  ChunkAuthFailed: 'CHUNK_AUTH_FAILED',
  ChunkIdMismatch: 'CHUNK_ID_MISMATCH',
  ChecksumMismatch: 'CHECKSUM_MISMATCH',
  SizeMismatch: 'SIZE_MISMATCH',
  ContentHashMismatch: 'CONTENT_HASH_MISMATCH',
  FileChanged: 'FILE_CHANGED',
  IoError: 'IO_ERROR',
  NotLoggedIn: 'NOT_LOGGED_IN',
  ProtocolError: 'PROTOCOL_ERROR',
  TargetNotEmpty: 'TARGET_NOT_EMPTY',
  /** A library folder already holds another local folder's backup on this device. */
  LibraryFolderTaken: 'LIBRARY_FOLDER_TAKEN',
  /** The destination cannot hold this file name (a FAT card, Windows): it is restored escaped. */
  NameNotHeld: 'NAME_NOT_HELD',
} as const;

export type SdkErrorCode = (typeof SdkErrorCode)[keyof typeof SdkErrorCode];

export type CairnErrorCode = ErrorCode | SdkErrorCode;

/** Every failure the SDK reports carries a code callers can branch on. */
export class CairnError extends Error {
  override readonly name = 'CairnError';

  constructor(
    readonly code: CairnErrorCode,
    message: string,
    readonly retryable = false,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  static from(error: unknown, fallback: CairnErrorCode = SdkErrorCode.IoError): CairnError {
    if (error instanceof CairnError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new CairnError(fallback, message);
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof CairnError && error.retryable;
}
