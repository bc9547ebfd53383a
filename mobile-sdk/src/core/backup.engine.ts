import { checkLibraryPath } from '@cairn/schema';
import type { CairnApi } from './api';
import { FastCdcChunker, type ChunkerOptions } from './chunker';
import { CommitBatcher, type ReadyFile } from './commit-batcher';
import { CairnError, SdkErrorCode } from './errors';
import { Emitter, type BackupEvents, type Failure } from './events';
import { readFile, type ReadCounters } from './file-reader';
import type { DerivedKeys } from './keys';
import { listFiles } from './library';
import { ReadAheadSource } from './read-ahead';
import { VanishedFiles } from './vanished-files';
import type { ChunkSealer, Crypto, FileInfo, FileSource, Journal, SkippedEntry } from './ports';
import { defaultUploadOptions, UploadPipeline, type UploadOptions } from './upload-pipeline';

export interface BackupDeps {
  api: CairnApi;
  crypto: Crypto;
  keys: DerivedKeys;
  source: FileSource;
  journal: Journal;
  /** Seals chunks on other threads where the platform can; inline otherwise. */
  sealer?: ChunkSealer;
  events?: Emitter<BackupEvents>;
  now?: () => number;
}

export interface BackupOptions {
  /** Library folder the source folder lands in, e.g. "Camera". */
  libraryFolder: string;
  upload?: Partial<UploadOptions>;
  chunker?: ChunkerOptions;
  commitBatchSize?: number;
  maxReadAttempts?: number;
}

export interface BackupReport {
  filesScanned: number;
  filesSkipped: number;
  filesCommitted: number;
  /** Files found at a new path with the content they had: moved on the server, nothing sent. */
  filesMoved: number;
  filesFailed: number;
  chunksTotal: number;
  chunksUploaded: number;
  bytesRead: number;
  bytesUploaded: number;
  durationMs: number;
  failures: Failure[];
  /** Links and special files the scan passed over; the rest of the folder is unaffected. */
  entriesSkipped: SkippedEntry[];
}

interface Candidate {
  info: FileInfo;
  libraryPath: string;
  retries: number;
}

/** Small files read ahead of the chunking loop, a few at a time. */
const readAheadFiles = 16;

type Head = { fileId: string; versionId: string; size: string; contentHash: string };

/** One backup run of a folder: scan, skip what the journal knows, send the rest. */
export class BackupEngine {
  readonly events: Emitter<BackupEvents>;
  private readonly counters: ReadCounters = { bytesRead: 0, chunksTotal: 0 };
  private readonly uploads: UploadPipeline;
  private readonly commits: CommitBatcher;
  private readonly source: ReadAheadSource;
  private readonly chunker: FastCdcChunker;
  private unchangedContent = 0;
  private vanished: VanishedFiles | null = null;

  constructor(
    private readonly deps: BackupDeps,
    private readonly options: BackupOptions,
  ) {
    this.events = deps.events ?? new Emitter<BackupEvents>();
    this.chunker = new FastCdcChunker(options.chunker);
    this.source = new ReadAheadSource(deps.source);
    this.uploads = new UploadPipeline(deps.api, this.events, {
      ...defaultUploadOptions,
      ...options.upload,
    });
    this.commits = new CommitBatcher(
      deps.api,
      deps.crypto,
      deps.journal,
      this.events,
      options.commitBatchSize ?? 200,
      (ids) => this.uploads.forget(ids),
    );
  }

  async run(): Promise<BackupReport> {
    const now = this.deps.now ?? (() => Date.now());
    const started = now();
    const folder = checkLibraryPath(this.options.libraryFolder);
    if (!folder.ok) {
      throw new CairnError(
        folder.code,
        `library folder "${this.options.libraryFolder}": ${folder.reason}`,
      );
    }

    const { changed, scanned, skipped, entriesSkipped, seenPaths } = await this.scan();
    this.vanished = new VanishedFiles(this.deps.journal, `${folder.path}/`, seenPaths);
    const heads = changed.length > 0 ? await this.remoteHeads() : new Map<string, Head>();

    for (const { info, libraryPath } of changed) {
      if (info.assetGroup) this.commits.groups.expect(info.assetGroup, libraryPath);
    }
    let queue = changed;
    while (queue.length > 0) {
      const waiting: Promise<void>[] = [];
      for (const [i, candidate] of queue.entries()) {
        this.source.prefetch(queue.slice(i + 1, i + 1 + readAheadFiles).map((c) => c.info));
        const file = await this.read(candidate);
        if (file) waiting.push(this.commitWhenStored(file, heads));
      }
      await this.uploads.drain();
      await Promise.all(waiting);
      await this.commits.drain();
      queue = this.commits.result.toRetry;
      this.commits.result.toRetry = [];
    }

    const { committed, moved, failures } = this.commits.result;
    return {
      filesScanned: scanned,
      filesSkipped: skipped + this.unchangedContent,
      filesCommitted: committed,
      filesMoved: moved,
      filesFailed: failures.length,
      chunksTotal: this.counters.chunksTotal,
      chunksUploaded: this.uploads.stats.chunksUploaded,
      bytesRead: this.counters.bytesRead,
      bytesUploaded: this.uploads.stats.bytesUploaded,
      durationMs: now() - started,
      failures,
      entriesSkipped,
    };
  }

  private async scan() {
    const changed: Candidate[] = [];
    let scanned = 0;
    let skipped = 0;
    let bytesToRead = 0;
    const entriesSkipped: SkippedEntry[] = [];
    const seenPaths = new Set<string>();
    const onSkip = (entry: SkippedEntry) => {
      if (entry.reason === 'unreadable') {
        // Its files are not known to be gone, only not readable now: a failure, not a deletion.
        const path = `${this.options.libraryFolder}/${entry.relativePath}`;
        this.commits.fail({ path, code: SdkErrorCode.IoError, message: entry.message ?? '' });
        return;
      }
      entriesSkipped.push(entry);
      this.events.emit('entrySkipped', entry);
    };
    for await (const info of this.deps.source.walk(onSkip)) {
      scanned++;
      const check = checkLibraryPath(`${this.options.libraryFolder}/${info.relativePath}`);
      if (!check.ok) {
        this.commits.fail({ path: info.relativePath, code: check.code, message: check.reason });
        continue;
      }
      seenPaths.add(check.path);
      const known = this.deps.journal.get(check.path);
      const same =
        known?.size === info.size &&
        known.mtimeMs === info.mtimeMs &&
        known.deviceAssetId === info.assetId;
      if (same) skipped++;
      else {
        changed.push({ info, libraryPath: check.path, retries: 0 });
        bytesToRead += info.size;
      }
      if (scanned % 500 === 0) this.emitScan(scanned, changed.length, bytesToRead);
    }
    this.emitScan(scanned, changed.length, bytesToRead);
    return { changed, scanned, skipped, entriesSkipped, seenPaths };
  }

  private emitScan(filesScanned: number, filesChanged: number, bytesToRead: number): void {
    this.events.emit('scanProgress', { filesScanned, filesChanged, bytesToRead });
  }

  /**
   * The library's current heads under the folder. A file whose content already is the head
   * (a run killed after its commit, a reinstall with an empty journal) needs no new version.
   */
  private async remoteHeads(): Promise<Map<string, Head>> {
    const heads = new Map<string, Head>();
    for await (const file of listFiles(this.deps.api, `${this.options.libraryFolder}/`)) {
      if (file.head) {
        const { id, size, contentHash } = file.head;
        heads.set(file.path.normalize('NFC'), {
          fileId: file.id,
          versionId: id,
          size,
          contentHash,
        });
      }
    }
    return heads;
  }

  private async read(candidate: Candidate): Promise<ReadyFile | null> {
    try {
      const file = await readFile(
        {
          ...this.deps,
          source: this.source,
          uploads: this.uploads,
          events: this.events,
          chunker: this.chunker,
          maxReadAttempts: this.options.maxReadAttempts ?? 3,
        },
        candidate.info,
        this.counters,
      );
      return { ...file, libraryPath: candidate.libraryPath, retries: candidate.retries };
    } catch (error) {
      const { code, message } = CairnError.from(error);
      this.commits.fail({ path: candidate.libraryPath, code, message });
      return null;
    }
  }

  private async commitWhenStored(file: ReadyFile, heads: Map<string, Head>): Promise<void> {
    const failure = await file.stored;
    if (failure) {
      this.commits.fail({ path: file.libraryPath, code: failure.code, message: failure.message });
      return;
    }

    const head = heads.get(file.libraryPath.normalize('NFC'));
    const known = this.deps.journal.get(file.libraryPath);
    const sameAsHead =
      head?.contentHash === file.contentHash && head.size === String(file.info.size);
    const sameAsJournal = known?.contentHash === file.contentHash && known.size === file.info.size;
    if (sameAsHead || sameAsJournal) {
      // Only the file's metadata moved; remember it so the next scan skips the file.
      const versionId = sameAsHead ? head.versionId : known!.versionId;
      this.unchangedContent++;
      this.events.emit('fileSkipped', { path: file.libraryPath });
      this.commits.remember(file, versionId);
      return;
    }
    const from = head ? null : this.vanished?.find(file.info, file.contentHash);
    const source = from ? heads.get(from.path.normalize('NFC')) : undefined;
    // The server's head may be a later version of the same bytes (restored from trash, say).
    if (from && source && source.contentHash === from.contentHash) {
      // The same asset with the same bytes at a new path: a move keeps its history, sends nothing.
      this.vanished?.consume(from);
      this.commits.move(file, {
        fileId: source.fileId,
        fromPath: from.path,
        headId: source.versionId,
      });
      return;
    }
    this.commits.add(file);
  }
}
