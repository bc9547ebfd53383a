import { ErrorCode } from '@cairn/schema';
import express from 'express';
import type { Request } from 'express';
import type pg from 'pg';
import { outcomeOk } from '../audit/audit-event';
import type { DataPlaneAudit } from '../audit/data-plane-audit';
import { AppError, ChunkMismatchError, NotFoundError, UnauthenticatedError } from '../errors';
import { forgetChunk, recordChunk } from '../files/chunk-records';
import type { ChunkClaims, PutClaims } from '../files/chunk-tokens';
import { chunkBlobKey, verifyChunkToken } from '../files/chunk-tokens';
import type { Logger } from '../logger';
import type { BlobStore } from '../storage/blob-store';
import { BlobNotFoundError } from '../storage/blob-store';
import { bundleRoute } from './chunk-bundle-route';
import type { DataPlaneGate } from './data-plane-gate';
import {
  chunkBodyLimit,
  clientOf,
  limitBytes,
  PayloadTooLargeError,
  sendError,
} from './data-plane-http';

/** The data plane: chunk bytes in and out, authorised by signed, short-lived tokens. */
export function chunkRoutes(deps: {
  pool: pg.Pool;
  blobs: BlobStore;
  tokenSecret: Buffer;
  admit: DataPlaneGate;
  /** Writes are audited, counted per device and minute; reads are not. */
  audit: DataPlaneAudit;
  log: Logger;
}): express.Router {
  const router = express.Router();

  const claimsFor = <Op extends ChunkClaims['op']>(req: Request, op: Op) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    const claims = verifyChunkToken(deps.tokenSecret, token);
    if (!claims || claims.op !== op || claims.chunkId !== req.params.id) {
      throw new UnauthenticatedError(
        'chunk token is missing, invalid, expired or for another chunk',
      );
    }
    return claims as Extract<ChunkClaims, { op: Op }>;
  };

  router.put('/v1/chunks/:id', async (req, res) => {
    const log = deps.log.child({ requestId: req.headers['x-request-id'], chunkId: req.params.id });
    let claims: PutClaims | null = null;
    const audit = (outcome: string, bytes: number) =>
      deps.audit.note({
        action: 'chunk.put',
        sender: claims,
        outcome,
        chunks: 1,
        bytes,
        ...clientOf(req),
      });
    try {
      claims = claimsFor(req, 'put');
      await deps.admit(claims, 'write');
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > chunkBodyLimit)
        throw new PayloadTooLargeError(chunkBodyLimit);
      if (declared !== undefined && Number(declared) !== claims.size) {
        throw new ChunkMismatchError(`body is ${declared} bytes, the token says ${claims.size}`);
      }

      const key = chunkBlobKey(claims.tenantId, claims.userId, claims.checksum);
      const body = req.pipe(limitBytes(chunkBodyLimit));
      req.on('error', (error) => body.destroy(error));
      const { created } = await deps.blobs.put(key, body, {
        size: claims.size,
        sha256: claims.checksum,
      });
      const inserted = await recordChunk(deps.pool, claims);
      if (inserted && !created && !(await deps.blobs.stat(key))) {
        // The garbage collector removed the old object between our put and our row: undo the
        // row and let the client send the bytes again.
        await forgetChunk(deps.pool, claims);
        throw new AppError(ErrorCode.Internal, 'chunk was collected during upload; retry');
      }
      res.status(inserted ? 201 : 200).json({ chunkId: claims.chunkId, stored: true });
      audit(outcomeOk, claims.size);
    } catch (error) {
      audit(sendError(res, error, log), 0);
    }
  });

  router.get('/v1/chunks/:id', async (req, res) => {
    const log = deps.log.child({ requestId: req.headers['x-request-id'], chunkId: req.params.id });
    try {
      const claims = claimsFor(req, 'get');
      await deps.admit(claims, 'read');
      const key = chunkBlobKey(claims.tenantId, claims.userId, claims.checksum);
      const stat = await deps.blobs.stat(key);
      if (!stat) throw new NotFoundError('chunk', claims.chunkId);
      const range = parseRange(req.headers.range, stat.size);
      if (range === 'unsatisfiable') {
        res.status(416).setHeader('Content-Range', `bytes */${stat.size}`).end();
        return;
      }
      const stream = await deps.blobs.read(key, range ?? undefined);
      res.setHeader('Accept-Ranges', 'bytes');
      res.setHeader('Content-Type', 'application/octet-stream');
      if (range) {
        res.status(206);
        res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`);
        res.setHeader('Content-Length', String(range.end - range.start + 1));
      } else {
        res.setHeader('Content-Length', String(stat.size));
      }
      // A client that hangs up mid-download must not leave the file open until GC finds it.
      res.once('close', () => stream.destroy());
      stream.on('error', (error) => res.destroy(error));
      stream.pipe(res);
    } catch (error) {
      sendError(
        res,
        error instanceof BlobNotFoundError ? new NotFoundError('chunk', '') : error,
        log,
      );
    }
  });

  bundleRoute(router, deps);
  return router;
}

function parseRange(header: string | undefined, size: number) {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'unsatisfiable' as const;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable' as const;
  return { start, end };
}
