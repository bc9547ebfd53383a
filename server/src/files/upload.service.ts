import { Limits } from '@cairn/schema';
import type pg from 'pg';
import type { ActorOf } from '../auth/actor';
import { BadInputError } from '../errors';
import type { ChunkDeclaration } from '../generated/resolvers';
import { signChunkToken, uploadTokenTtlSeconds } from './chunk-tokens';
import { parseSize } from './int64';

export interface UploadTargetModel {
  chunkId: string;
  url: string;
  method: 'PUT';
  expiresAt: Date;
}

const maxStoredBytes = BigInt(Limits.chunkMaxBytes + Limits.chunkOverheadMaxBytes);

export class UploadService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tokenSecret: Buffer,
  ) {}

  /** Answers, in one query, which declared chunks this user's scope does not hold yet. */
  async prepare(
    device: ActorOf<'DEVICE'>,
    declarations: readonly ChunkDeclaration[],
  ): Promise<{ missing: UploadTargetModel[] }> {
    if (declarations.length > Limits.maxChunksPerPrepare) {
      throw new BadInputError(`prepareUpload takes at most ${Limits.maxChunksPerPrepare} chunks`);
    }
    const checked = new Map(declarations.map((d, i) => [d.id, checkDeclaration(d, i)]));

    // Touching stored_at keeps an unreferenced chunk the device is about to reference out of
    // the GC's reach; referenced chunks are safe already and are not rewritten.
    const { rows } = await this.pool.query<{ hash: string }>(
      `with touched as (
         update chunk set stored_at = now()
         where tenant_id = $1 and user_id = $2 and hash = any($3::text[]) and ref_count = 0
       )
       select hash from chunk where tenant_id = $1 and user_id = $2 and hash = any($3::text[])`,
      [device.tenantId, device.userId, [...checked.keys()]],
    );
    const stored = new Set(rows.map((row) => row.hash));

    const exp = Math.floor(Date.now() / 1000) + uploadTokenTtlSeconds;
    const missing = [...checked.values()]
      .filter((chunk) => !stored.has(chunk.chunkId))
      .map((chunk) => {
        const token = signChunkToken(this.tokenSecret, {
          op: 'put',
          tenantId: device.tenantId,
          userId: device.userId,
          deviceId: device.deviceId,
          exp,
          ...chunk,
        });
        return {
          chunkId: chunk.chunkId,
          url: `/v1/chunks/${chunk.chunkId}?token=${token}`,
          method: 'PUT' as const,
          expiresAt: new Date(exp * 1000),
        };
      });
    return { missing };
  }
}

function checkDeclaration(declaration: ChunkDeclaration, index: number) {
  const at = `chunks[${index}]`;
  if (!Limits.chunkIdPattern.test(declaration.id)) {
    throw new BadInputError(`${at}.id must be 64 lowercase hex characters`);
  }
  if (!Limits.checksumPattern.test(declaration.checksum)) {
    throw new BadInputError(`${at}.checksum must be 64 lowercase hex characters`);
  }
  const plainSize = parseSize(declaration.plainSize, `${at}.plainSize`);
  if (plainSize < 1n || plainSize > BigInt(Limits.chunkMaxBytes)) {
    throw new BadInputError(`${at}.plainSize must be 1..${Limits.chunkMaxBytes}`);
  }
  const size = parseSize(declaration.size, `${at}.size`);
  if (size < 1n || size > maxStoredBytes) {
    throw new BadInputError(`${at}.size must be 1..${maxStoredBytes}`);
  }
  return {
    chunkId: declaration.id,
    plainSize: Number(plainSize),
    size: Number(size),
    checksum: declaration.checksum,
  };
}
