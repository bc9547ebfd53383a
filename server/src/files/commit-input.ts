import { checkLibraryPath, ErrorCode, Limits } from '@cairn/schema';
import type { CommitVersionInput } from '../generated/resolvers';
import { AppError, BadInputError } from '../errors';
import { checkOptionalId } from '../identity/ids';
import { parseSize } from './int64';

/** A commit input that passed every check that needs no database. */
export interface CheckedCommit {
  path: string;
  pathNfc: string;
  baseVersionId: string | null;
  size: bigint;
  contentHash: string;
  clientMtime: Date | null;
  deviceAssetId: string | null;
  idempotencyKey: string | null;
  chunks: { id: string; plainSize: bigint }[];
}

const contentHashPattern = /^[0-9a-f]{32,128}$/;

export function checkCommitInput(input: CommitVersionInput): CheckedCommit {
  const path = checkLibraryPath(input.path);
  if (!path.ok) throw new AppError(path.code, path.reason);

  const size = parseSize(input.size, 'size');
  if (!contentHashPattern.test(input.contentHash)) {
    throw new BadInputError('contentHash must be 32-128 lowercase hex characters');
  }
  if (input.chunks.length > Limits.maxChunksPerVersion) {
    throw new BadInputError(`a version has at most ${Limits.maxChunksPerVersion} chunks`);
  }
  const chunks = input.chunks.map((chunk, index) => {
    if (!Limits.chunkIdPattern.test(chunk.id)) {
      throw new BadInputError(`chunks[${index}].id must be 64 lowercase hex characters`);
    }
    const plainSize = parseSize(chunk.plainSize, `chunks[${index}].plainSize`);
    if (plainSize < 1n || plainSize > BigInt(Limits.chunkMaxBytes)) {
      throw new BadInputError(`chunks[${index}].plainSize must be 1..${Limits.chunkMaxBytes}`);
    }
    return { id: chunk.id, plainSize };
  });
  const total = chunks.reduce((sum, chunk) => sum + chunk.plainSize, 0n);
  if (total !== size) {
    throw new BadInputError(`chunk plainSizes add up to ${total}, not to size ${size}`);
  }

  return {
    path: path.path,
    pathNfc: path.normalized,
    baseVersionId: checkOptionalId(input.baseVersionId, 'baseVersionId'),
    size,
    contentHash: input.contentHash,
    clientMtime: checkMtime(input.clientMtime),
    deviceAssetId: checkText(input.deviceAssetId, 'deviceAssetId', 1024),
    idempotencyKey: checkText(input.idempotencyKey, 'idempotencyKey', 200),
    chunks,
  };
}

function checkMtime(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new BadInputError('clientMtime is not a valid date');
  return date;
}

function checkText(value: string | null | undefined, what: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (value.length === 0 || value.length > max) {
    throw new BadInputError(`${what} must be 1-${max} characters`);
  }
  if (value.includes('\0')) throw new BadInputError(`${what} must not contain NUL characters`);
  return value;
}

/** `<stem> (conflict <device> <YYYY-MM-DD HHmmss>)<ext>` next to the original. */
export function conflictCopyPath(path: string, deviceName: string, at: Date): string {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  const device = deviceName.replace(/[/\\\0]/g, '-');
  return `${dir}${stem} (conflict ${device} ${stamp})${ext}`;
}

export const itemError = (error: AppError) => ({
  code: error.code,
  message: error.message,
  retryable: error.retryable,
  missingChunkIds:
    error.code === ErrorCode.ChunksMissing ? (error.details.missingChunkIds as string[]) : null,
});
