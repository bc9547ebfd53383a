import { ErrorCode } from '@cairn/schema';
import type { CairnApi } from './api';
import { AssetGroups } from './asset-groups';
import { toHex } from './bytes';
import { CairnError } from './errors';
import type { BackupEvents, Emitter, Failure } from './events';
import type { ReadFile } from './file-reader';
import type { Crypto, Journal, JournalEntry } from './ports';
import {
  CommitVersionsDocument,
  MoveFilesDocument,
  type CommitVersionInput,
} from '../generated/operations';

export interface ReadyFile extends ReadFile {
  libraryPath: string;
  /** How many times this file has been sent back for CHUNKS_MISSING already. */
  retries: number;
}

export interface CommitResult {
  committed: number;
  moved: number;
  failures: Failure[];
  /** Files whose chunks the server lost between upload and commit: read and send them again. */
  toRetry: ReadyFile[];
}

const maxChunkRetries = 2;

/** Where a file at a new path came from: its file on the server and that file's head. */
export interface MoveSource {
  fileId: string;
  fromPath: string;
  headId: string;
}

/**
 * Collects files whose chunks are stored and commits them in batches; one bad file never
 * holds up the others. Each outcome lands in the journal as soon as its batch answers.
 */
export class CommitBatcher {
  readonly result: CommitResult = { committed: 0, moved: 0, failures: [], toRetry: [] };
  /** Parts of multi-part assets, journaled together once all of them are committed. */
  readonly groups = new AssetGroups();
  private batch: ReadyFile[] = [];
  private moves: { file: ReadyFile; source: MoveSource }[] = [];
  /** Journal entries for files whose content the server already has as head. */
  private known: JournalEntry[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: CairnApi,
    private readonly crypto: Crypto,
    private readonly journal: Journal,
    private readonly events: Emitter<BackupEvents>,
    private readonly batchSize: number,
    private readonly forgetChunks: (ids: readonly string[]) => void,
  ) {}

  add(file: ReadyFile): void {
    this.batch.push(file);
    if (this.batch.length >= this.batchSize) this.flush();
  }

  /** Moves the server's file to this file's path; a move the server refuses becomes a commit. */
  move(file: ReadyFile, source: MoveSource): void {
    this.moves.push({ file, source });
    if (this.moves.length >= this.batchSize) this.flushMoves();
  }

  /** Records a file that needs no new version, in the journal's next batched append. */
  remember(file: ReadyFile, versionId: string): void {
    this.known.push(...this.groups.done(file.libraryPath, this.entryFor(file, versionId)));
    if (this.known.length >= this.batchSize) this.flushKnown();
  }

  fail(failure: Failure): void {
    this.groups.failed(failure.path);
    this.result.failures.push(failure);
    this.events.emit('fileFailed', failure);
  }

  /** Commits what is left and waits for every batch already sent. */
  async drain(): Promise<void> {
    this.flushMoves();
    this.flush();
    this.flushKnown();
    await this.chain;
  }

  private flushKnown(): void {
    if (this.known.length === 0) return;
    const entries = this.known;
    this.known = [];
    this.chain = this.chain.then(() => this.journal.record(entries));
  }

  private flushMoves(): void {
    if (this.moves.length === 0) return;
    const moves = this.moves;
    this.moves = [];
    this.chain = this.chain.then(() => this.sendMoves(moves));
  }

  private async sendMoves(moves: { file: ReadyFile; source: MoveSource }[]): Promise<void> {
    const inputs = moves.map(({ file, source }) => ({
      fileId: source.fileId,
      toPath: file.libraryPath,
      ifHeadVersionId: source.headId,
    }));
    let outcomes;
    try {
      outcomes = (await this.api.request(MoveFilesDocument, { inputs })).moveFiles;
    } catch {
      // The content is stored; committing it as a new file loses nothing.
      return this.commit(moves.map((m) => m.file));
    }
    const entries: JournalEntry[] = [];
    const movedFrom: string[] = [];
    const refused: ReadyFile[] = [];
    moves.forEach(({ file, source }, i) => {
      const head = outcomes[i]?.file?.head;
      if (!head || outcomes[i]?.error) {
        refused.push(file);
        return;
      }
      movedFrom.push(source.fromPath);
      entries.push(...this.groups.done(file.libraryPath, this.entryFor(file, head.id)));
      this.result.moved++;
      this.events.emit('fileMoved', { from: source.fromPath, to: file.libraryPath });
    });
    await this.journal.forget(movedFrom);
    await this.journal.record(entries);
    if (refused.length > 0) await this.commit(refused);
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const files = this.batch;
    this.batch = [];
    // Batches go one after another, so the journal sees commits in the order they were made.
    this.chain = this.chain.then(() => this.commit(files));
  }

  private async commit(files: ReadyFile[]): Promise<void> {
    const inputs = files.map((file) => this.toInput(file));
    let outcomes;
    try {
      outcomes = (await this.api.request(CommitVersionsDocument, { inputs })).commitVersions;
    } catch (error) {
      const { code, message } = CairnError.from(error);
      for (const file of files) this.fail({ path: file.libraryPath, code, message });
      return;
    }

    const entries: JournalEntry[] = [];
    files.forEach((file, i) => {
      const outcome = outcomes[i];
      if (outcome?.trashed && outcome.version) {
        // Journaled like a commit, so the next run skips the file until its content changes.
        entries.push(
          ...this.groups.done(file.libraryPath, this.entryFor(file, outcome.version.id)),
        );
        this.events.emit('fileTrashed', { path: file.libraryPath, versionId: outcome.version.id });
      } else if (outcome?.version) {
        entries.push(
          ...this.groups.done(file.libraryPath, this.entryFor(file, outcome.version.id)),
        );
        this.result.committed++;
        this.events.emit('fileCommitted', {
          path: file.libraryPath,
          versionId: outcome.version.id,
          conflict: outcome.conflict,
        });
      } else if (
        outcome?.error?.code === ErrorCode.ChunksMissing &&
        file.retries < maxChunkRetries
      ) {
        this.forgetChunks(outcome.error.missingChunkIds ?? file.chunks.map((c) => c.id));
        this.result.toRetry.push({ ...file, retries: file.retries + 1 });
      } else {
        this.fail({
          path: file.libraryPath,
          code: outcome?.error?.code ?? ErrorCode.Internal,
          message: outcome?.error?.message ?? 'the server gave no outcome for this file',
        });
      }
    });
    await this.journal.record(entries);
  }

  entryFor(file: ReadyFile, versionId: string): JournalEntry {
    return {
      path: file.libraryPath,
      size: file.info.size,
      mtimeMs: file.info.mtimeMs,
      deviceAssetId: file.info.assetId,
      versionId,
      contentHash: file.contentHash,
    };
  }

  private toInput(file: ReadyFile): CommitVersionInput {
    return {
      path: file.libraryPath,
      baseVersionId: this.journal.get(file.libraryPath)?.versionId ?? null,
      size: String(file.info.size),
      contentHash: file.contentHash,
      clientMtime: new Date(file.info.mtimeMs).toISOString(),
      deviceAssetId: file.info.assetId,
      // Random per attempt at this content: a retried request answers with the first outcome.
      idempotencyKey: toHex(this.crypto.randomBytes(16)),
      chunks: file.chunks.map((c) => ({ id: c.id, plainSize: String(c.plainSize) })),
    };
  }
}
