import { ErrorCode } from '@cairn/schema';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';

/** body-parser marks its own failures with an HTTP status and a `type`. */
interface HttpishError {
  status?: unknown;
  type?: unknown;
}

/**
 * The last word on any HTTP request no route answered or a middleware failed: always
 * `{code, message}` JSON, never an HTML page with a stack trace.
 */
export function jsonErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, type } = (typeof error === 'object' && error ? error : {}) as HttpishError;
    if (type === 'entity.too.large' || status === 413) {
      res.status(413).json({ code: ErrorCode.BadUserInput, message: 'request body is too large' });
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        type === 'entity.parse.failed' ? 'request body is not valid JSON' : 'bad request';
      res.status(status).json({ code: ErrorCode.BadUserInput, message });
      return;
    }
    log.error({ err: error }, 'http request failed');
    res.status(500).json({ code: ErrorCode.Internal, message: 'internal server error' });
  };
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ code: ErrorCode.NotFound, message: 'no such route' });
};
