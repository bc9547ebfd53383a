import type { FastCdcChunker } from './chunker';
import { sealChunk } from './chunk-format';
import { contentHashOf } from './content-hash';
import { CairnError, SdkErrorCode } from './errors';
import type { BackupEvents, Emitter } from './events';
import type { DerivedKeys } from './keys';
import type { ChunkSealer, Crypto, FileInfo, FileSource } from './ports';
import type { SealedChunk } from './chunk-format';
import type { UploadPipeline } from './upload-pipeline';

/** A file read in full: its chunk list, keyed content hash, and when its chunks are stored. */
export interface ReadFile {
  info: FileInfo;
  contentHash: string;
  chunks: { id: string; plainSize: number }[];
  /** Settles with null once every chunk is stored, or with the first failure. */
  stored: Promise<CairnError | null>;
}

export interface ReaderDeps {
  crypto: Crypto;
  keys: DerivedKeys;
  source: FileSource;
  uploads: UploadPipeline;
  events: Emitter<BackupEvents>;
  /** Shared across files so its buffer is allocated once per run. */
  chunker: FastCdcChunker;
  maxReadAttempts: number;
  sealer?: ChunkSealer;
}

/** Chunks smaller than this are sealed inline: a trip to another thread would cost more. */
const offThreadMinBytes = 64 * 1024;
/** Chunks being sealed off-thread at once, in order; bounds the plaintext copies held. */
const maxSealing = 4;

export interface ReadCounters {
  bytesRead: number;
  chunksTotal: number;
}

/**
 * Streams a file through chunking, hashing and sealing into the upload pipeline. A file that
 * changes while it is read is read again, so a commit never mixes bytes of two states.
 */
export async function readFile(
  deps: ReaderDeps,
  scanned: FileInfo,
  counters: ReadCounters,
): Promise<ReadFile> {
  let expected = scanned;
  for (let attempt = 1; ; attempt++) {
    const result = await readOnce(deps, expected, counters);
    const after = await deps.source.stat(expected.relativePath);
    const bytes = result.chunks.reduce((n, c) => n + c.plainSize, 0);
    if (after.size === bytes && after.mtimeMs === expected.mtimeMs && bytes === expected.size) {
      return { ...result, info: after };
    }
    if (attempt >= deps.maxReadAttempts) {
      throw new CairnError(
        SdkErrorCode.FileChanged,
        `${scanned.relativePath} kept changing while it was read`,
        true,
      );
    }
    expected = after;
  }
}

async function readOnce(
  deps: ReaderDeps,
  info: FileInfo,
  counters: ReadCounters,
): Promise<ReadFile> {
  const { crypto, keys, uploads, events, sealer } = deps;
  const chunker = deps.chunker;
  chunker.reset();
  const chunks: { id: string; plainSize: number }[] = [];
  const stored: Promise<void>[] = [];
  const sealing: Promise<SealedChunk>[] = [];

  const offer = (sealed: SealedChunk) => {
    chunks.push({ id: sealed.id, plainSize: sealed.plainSize });
    stored.push(uploads.offer(sealed));
    counters.chunksTotal++;
  };
  const take = async (plaintext: Uint8Array): Promise<void> => {
    await uploads.waitForRoom();
    if (!sealer || plaintext.length < offThreadMinBytes) {
      const sealed = sealChunk(crypto, keys, plaintext);
      if (sealing.length === 0) offer(sealed);
      else sealing.push(Promise.resolve(sealed));
      return;
    }
    // The chunker reuses its buffer, so the sealer gets a copy of its own.
    const sealed = sealer.seal(plaintext.slice());
    sealed.catch(ignore); // awaited below in order; a failure there ends the read
    sealing.push(sealed);
    while (sealing.length > maxSealing) offer(await sealing.shift()!);
  };

  for await (const piece of deps.source.read(info.relativePath)) {
    counters.bytesRead += piece.length;
    events.emit('bytesHashed', { bytes: piece.length });
    for (const chunk of chunker.push(piece)) await take(chunk);
  }
  for (const chunk of chunker.finish()) await take(chunk);
  while (sealing.length > 0) offer(await sealing.shift()!);

  return {
    info,
    contentHash: contentHashOf(crypto, keys, chunks),
    chunks,
    stored: Promise.all(stored).then(
      () => null,
      (error: unknown) => CairnError.from(error),
    ),
  };
}

function ignore() {}
