import { ErrorCode } from '@cairn/schema';
import type express from 'express';
import type pg from 'pg';
import type { Request } from 'express';
import { outcomeOk } from '../audit/audit-event';
import type { DataPlaneAudit } from '../audit/data-plane-audit';
import { AppError, BadInputError, ChunkMismatchError, UnauthenticatedError } from '../errors';
import { chunkRecordKey, forgetChunk, recordChunks } from '../files/chunk-records';
import type { PutClaims } from '../files/chunk-tokens';
import { chunkBlobKey, verifyChunkToken } from '../files/chunk-tokens';
import type { Logger } from '../logger';
import type { BlobPut, BlobStore } from '../storage/blob-store';
import { FrameTooLargeError, readFrames } from './bundle-frames';
import type { DataPlaneGate } from './data-plane-gate';
import {
  asAppError,
  chunkBodyLimit,
  clientOf,
  limitBytes,
  PayloadTooLargeError,
  sendError,
} from './data-plane-http';

/** A bundle carries many small chunks; large ones are cheaper as single PUTs anyway. */
export const bundleMaxBytes = 16 * 1024 * 1024;
export const bundleMaxFrames = 512;

const notStored = { outcome: 'failed', code: ErrorCode.Internal, message: 'not stored' } as const;

export type BundleResult =
  | { chunkId: string; outcome: 'stored' | 'alreadyStored' }
  | { chunkId: string | null; outcome: 'failed'; code: ErrorCode; message: string };

interface Deps {
  pool: pg.Pool;
  blobs: BlobStore;
  tokenSecret: Buffer;
  admit: DataPlaneGate;
  audit: DataPlaneAudit;
  log: Logger;
}

/**
 * `POST /v1/chunk-bundles`: many chunks in one request, each frame authorised by its own PUT
 * token and checked like a single PUT. One bad frame fails only itself; the answer lists one
 * result per frame, in order.
 */
export function bundleRoute(router: express.Router, deps: Deps): void {
  router.post('/v1/chunk-bundles', async (req, res) => {
    const log = deps.log.child({ requestId: req.headers['x-request-id'] });
    const results: BundleResult[] = [];
    // The verified claims of each frame, by slot, for the audit.
    const senders: (PutClaims | null)[] = [];
    try {
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > bundleMaxBytes) {
        throw new PayloadTooLargeError(bundleMaxBytes);
      }
      const body = req.pipe(limitBytes(bundleMaxBytes));
      req.on('error', (error) => body.destroy(error));

      const accepted: { claims: PutClaims; slot: number; put: BlobPut }[] = [];
      const admitted = new Set<string>();
      for await (const frame of readFrames(body, chunkBodyLimit)) {
        if (results.length >= bundleMaxFrames) {
          throw new BadInputError(`a bundle holds at most ${bundleMaxFrames} chunks`);
        }
        const slot = results.length;
        const claims = putClaims(deps.tokenSecret, frame.token);
        senders[slot] = claims;
        if (frame.kind === 'truncated') {
          results.push(
            failed(claims?.chunkId ?? null, new BadInputError('body ended inside this frame')),
          );
          break;
        }
        if (!claims) {
          results.push(
            failed(null, new UnauthenticatedError('chunk token is missing, invalid or expired')),
          );
          continue;
        }
        // The request is admitted (tenant status, budget) once per device it carries chunks for;
        // a refusal fails the whole bundle, as it would a single PUT.
        const sender = `${claims.tenantId}/${claims.deviceId ?? claims.userId}`;
        if (!admitted.has(sender)) {
          await deps.admit(claims, 'write');
          admitted.add(sender);
        }
        if (frame.bytes.length !== claims.size) {
          const error = new ChunkMismatchError(
            `frame is ${frame.bytes.length} bytes, the token says ${claims.size}`,
          );
          results.push(failed(claims.chunkId, error));
          continue;
        }
        // Replaced once the store answers; a plain object, as an error would capture a stack.
        results.push({ chunkId: claims.chunkId, ...notStored });
        const key = chunkBlobKey(claims.tenantId, claims.userId, claims.checksum);
        const expected = { size: claims.size, sha256: claims.checksum };
        accepted.push({ claims, slot, put: { key, bytes: frame.bytes, expected } });
      }

      // Stored together once the body is read whole: the small-object tier writes them all in
      // one statement, the disk tier several at a time.
      const outcomes = await deps.blobs.putMany(accepted.map((item) => item.put));
      const stored: { claims: PutClaims; created: boolean; slot: number }[] = [];
      accepted.forEach(({ claims, slot }, i) => {
        const outcome = outcomes[i]!;
        if ('error' in outcome)
          results[slot] = failed(claims.chunkId, asAppError(outcome.error), log);
        else stored.push({ claims, created: outcome.created, slot });
      });
      await recordStored(deps, stored, results);
      res.status(200).json({ results });
      auditFrames(deps.audit, req, results, senders);
    } catch (error) {
      const code = sendError(
        res,
        error instanceof FrameTooLargeError ? new PayloadTooLargeError(chunkBodyLimit) : error,
        log,
      );
      deps.audit.note({
        action: 'chunk-bundle.post',
        sender: senders.find((claims) => claims !== null) ?? null,
        outcome: code,
        chunks: results.length,
        bytes: 0,
        ...clientOf(req),
      });
    }
  });
}

/** One audit note per sender and outcome among the bundle's frames. */
function auditFrames(
  audit: DataPlaneAudit,
  req: Request,
  results: readonly BundleResult[],
  senders: readonly (PutClaims | null)[],
) {
  type Group = { sender: PutClaims | null; outcome: string; chunks: number; bytes: number };
  const groups = new Map<string, Group>();
  results.forEach((result, slot) => {
    const sender = senders[slot] ?? null;
    const outcome = result.outcome === 'failed' ? result.code : outcomeOk;
    const key = `${sender?.tenantId}/${sender?.deviceId ?? sender?.userId}/${outcome}`;
    const group = groups.get(key) ?? { sender, outcome, chunks: 0, bytes: 0 };
    group.chunks += 1;
    if (outcome === outcomeOk) group.bytes += sender?.size ?? 0;
    groups.set(key, group);
  });
  for (const group of groups.values()) {
    audit.note({ action: 'chunk-bundle.post', ...group, ...clientOf(req) });
  }
}

async function recordStored(
  deps: Deps,
  stored: readonly { claims: PutClaims; created: boolean; slot: number }[],
  results: BundleResult[],
) {
  const unique = new Map(stored.map((item) => [chunkRecordKey(item.claims), item.claims]));
  const inserted = await recordChunks(deps.pool, [...unique.values()]);
  for (const { claims, created, slot } of stored) {
    const isNew = inserted.delete(chunkRecordKey(claims));
    results[slot] = { chunkId: claims.chunkId, outcome: isNew ? 'stored' : 'alreadyStored' };
    const key = chunkBlobKey(claims.tenantId, claims.userId, claims.checksum);
    if (isNew && !created && !(await deps.blobs.stat(key))) {
      // As for a single PUT: the collector removed the old object between our put and our row.
      await forgetChunk(deps.pool, claims);
      results[slot] = failed(
        claims.chunkId,
        new AppError(ErrorCode.Internal, 'chunk was collected during upload; retry'),
      );
    }
  }
}

function putClaims(secret: Buffer, token: string | null): PutClaims | null {
  const claims = token === null ? null : verifyChunkToken(secret, token);
  return claims?.op === 'put' ? claims : null;
}

function failed(chunkId: string | null, error: unknown, log?: Logger): BundleResult {
  if (error instanceof AppError) {
    return { chunkId, outcome: 'failed', code: error.code, message: error.message };
  }
  log?.error({ err: error, chunkId }, 'bundle chunk failed');
  return { chunkId, outcome: 'failed', code: ErrorCode.Internal, message: 'internal error' };
}
