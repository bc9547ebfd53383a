import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { ErrorCode, Limits } from '@cairn/schema';
import type { Request, Response } from 'express';
import { AppError, ChunkMismatchError } from '../errors';
import type { Logger } from '../logger';
import { BlobMismatchError } from '../storage/blob-store';

/** The most one stored chunk may be: its plaintext bound plus header and tag. */
export const chunkBodyLimit = Limits.chunkMaxBytes + Limits.chunkOverheadMaxBytes;

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

/** Fails the stream with `PayloadTooLargeError` once more than `limit` bytes went through. */
export function limitBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(piece: Buffer, _encoding, callback: TransformCallback) {
      seen += piece.length;
      if (seen > limit) callback(new PayloadTooLargeError(limit));
      else callback(null, piece);
    },
  });
}

/** Answers a data-plane error as `{code, message}` with its HTTP status; returns the code. */
export function sendError(res: Response, error: unknown, log: Logger): ErrorCode {
  const code = codeOf(error);
  if (res.headersSent) {
    res.destroy();
    return code;
  }
  if (error instanceof PayloadTooLargeError) {
    res.setHeader('Connection', 'close');
    res.status(413).json({ code, message: error.message });
    return code;
  }
  const known = asAppError(error);
  // The request body may be unread: closing the connection spares reading it to the end.
  res.setHeader('Connection', 'close');
  if (known instanceof AppError) {
    const retryAfter = known.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') {
      res.setHeader('Retry-After', String(retryAfter));
      res
        .status(known.httpStatus)
        .json({ code: known.code, message: known.message, retryAfterSeconds: retryAfter });
      return code;
    }
    res.status(known.httpStatus).json({ code: known.code, message: known.message });
    return code;
  }
  log.error({ err: error }, 'chunk request failed');
  res.status(500).json({ code, message: 'internal error' });
  return code;
}

function codeOf(error: unknown): ErrorCode {
  if (error instanceof PayloadTooLargeError) return ErrorCode.BadUserInput;
  const known = asAppError(error);
  return known instanceof AppError ? known.code : ErrorCode.Internal;
}

/** Who sent a data-plane request, for its audit entry: the peer address, as everywhere. */
export function clientOf(req: Request): { clientIp: string | null; userAgent: string | null } {
  return {
    clientIp: req.socket.remoteAddress ?? null,
    userAgent: req.headers['user-agent'] ?? null,
  };
}

/** Store-level mismatches are the client's CHUNK_MISMATCH; other errors pass unchanged. */
export function asAppError(error: unknown): unknown {
  return error instanceof BlobMismatchError ? new ChunkMismatchError(error.message) : error;
}
