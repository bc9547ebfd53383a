import { checkLibraryPath } from '@cairn/schema';
import type { CairnApi } from './api';
import { verifyAndOpenChunk } from './chunk-format';
import { contentHashOf } from './content-hash';
import { CairnError, SdkErrorCode } from './errors';
import { escapedPath } from './escaped-names';
import { Emitter, type Failure, type RestoreEvents } from './events';
import { chunkIdOf, type DerivedKeys } from './keys';
import { listFiles, listFilesAt, type PathVersion } from './library';
import type { Crypto, FileSink, SinkWriter } from './ports';
import { Semaphore } from './retry';
import {
  RestorePlanDocument,
  RestorePlansDocument,
  type RestorePlanQuery,
} from '../generated/operations';

export interface RestoreDeps {
  api: CairnApi;
  crypto: Crypto;
  keys: DerivedKeys;
  sink: FileSink;
  events?: Emitter<RestoreEvents>;
  now?: () => number;
}

export interface RestoreOptions {
  /** A library path or folder prefix; everything when absent. */
  pathPrefix?: string | null;
  /** Restore the library as it was at this ISO time (server commit time) instead of now. */
  at?: string | null;
  /** Restore this one version of one file, whatever the file's head is now. */
  versionId?: string | null;
  fileConcurrency?: number;
  /** Chunks of one file fetched ahead of the one being written. */
  chunkConcurrency?: number;
}

export interface RestoreReport {
  filesRestored: number;
  filesFailed: number;
  bytesWritten: number;
  durationMs: number;
  failures: Failure[];
  /** Files restored under an escaped name, because the destination cannot hold their own. */
  renamed: { path: string; restoredAs: string }[];
}

type Plan = RestorePlanQuery['restorePlan'];
type PlanChunk = Plan['chunks'][number];

/** Files whose plans are asked in one call (the server takes up to 200). */
const planBatch = 100;

interface Resume {
  chunks: number;
  bytes: number;
}

/**
 * Restores every file under a prefix, as it is now or was at a time, or one version; one
 * file's failure never stops the others.
 */
export class RestoreEngine {
  readonly events: Emitter<RestoreEvents>;
  private readonly report: RestoreReport = {
    filesRestored: 0,
    filesFailed: 0,
    bytesWritten: 0,
    durationMs: 0,
    failures: [],
    renamed: [],
  };

  constructor(
    private readonly deps: RestoreDeps,
    private readonly options: RestoreOptions = {},
  ) {
    this.events = deps.events ?? new Emitter<RestoreEvents>();
  }

  async run(): Promise<RestoreReport> {
    const now = this.deps.now ?? (() => Date.now());
    const started = now();
    const files = await this.select();
    this.events.emit('planned', {
      files: files.length,
      bytes: files.reduce((n, f) => n + Number(f.head?.size ?? 0), 0),
    });

    const slots = new Semaphore(this.options.fileConcurrency ?? 6);
    // Plans come a batch at a time, one batch ahead of the files being restored.
    const batches: Promise<void>[] = [];
    for (let start = 0; start < files.length; start += planBatch) {
      if (batches.length >= 2) await batches.shift();
      const batch = files.slice(start, start + planBatch);
      const plans = await this.plansFor(batch);
      batches.push(
        Promise.all(
          batch.map((file, i) => slots.run(() => this.restoreOne(file, plans?.[i]))),
        ).then(() => undefined),
      );
    }
    await Promise.all(batches);
    this.report.durationMs = now() - started;
    return this.report;
  }

  /** The files to restore: a prefix matches itself (one file) or a folder below it. */
  private async select(): Promise<PathVersion[]> {
    const { api } = this.deps;
    if (this.options.versionId) {
      const { restorePlan } = await api.request(RestorePlanDocument, {
        versionId: this.options.versionId,
      });
      return [{ path: restorePlan.path, head: restorePlan.version }];
    }
    const prefix = this.options.pathPrefix?.replace(/\/+$/, '') || null;
    const files: PathVersion[] = [];
    const listing = this.options.at
      ? listFilesAt(api, this.options.at, prefix)
      : listFiles(api, prefix);
    for await (const file of listing) {
      const inside = !prefix || file.path === prefix || file.path.startsWith(`${prefix}/`);
      if (inside && file.head) files.push(file);
    }
    return files;
  }

  /** Null when the batch call fails: each file then asks for its own plan and failure. */
  private async plansFor(files: readonly PathVersion[]): Promise<Plan[] | null> {
    try {
      const versionIds = files.map((file) => file.head!.id);
      const answer = await this.deps.api.request(RestorePlansDocument, { versionIds });
      const plans = answer.restorePlans;
      const inOrder = files.every((file, i) => plans[i]?.version.id === file.head!.id);
      return inOrder && plans.length === files.length ? plans : null;
    } catch {
      return null;
    }
  }

  private async restoreOne(file: PathVersion, batched?: Plan): Promise<void> {
    let writer: SinkWriter | null = null;
    try {
      const plan =
        batched ??
        (await this.deps.api.request(RestorePlanDocument, { versionId: file.head!.id }))
          .restorePlan;
      const check = checkLibraryPath(file.path);
      if (!check.ok) throw new CairnError(check.code, check.reason);
      const opened = await this.openTarget(file.path, plan.chunks);
      writer = opened.writer;
      const written = await this.writeChunks(plan.chunks, writer, opened.resume);
      this.verifyWhole(file, plan, written);
      const mtime = plan.version.clientMtime ? Date.parse(plan.version.clientMtime) : undefined;
      await writer.commit(mtime);
      this.report.filesRestored++;
      if (opened.target !== file.path) {
        this.report.renamed.push({ path: file.path, restoredAs: opened.target });
      }
      this.events.emit('fileRestored', { path: file.path, size: written.size });
    } catch (error) {
      const { code, message, retryable } = CairnError.from(error);
      // After a network failure the verified bytes so far are worth keeping for the next run.
      await (retryable ? writer?.suspend() : writer?.abort())?.catch(() => undefined);
      const failure = { path: file.path, code, message };
      this.report.filesFailed++;
      this.report.failures.push(failure);
      this.events.emit('fileFailed', failure);
    }
  }

  /** Opens the file under its own name, or its escaped one where the destination refuses it. */
  private async openTarget(path: string, chunks: readonly PlanChunk[]) {
    const { sink } = this.deps;
    // A name with nothing to escape is tried once.
    for (const target of new Set([path, escapedPath(path)])) {
      const resume = await this.verifiedPartial(target, chunks);
      try {
        return { target, resume, writer: await sink.open(target, resume.bytes) };
      } catch (error) {
        const refusedName = error instanceof CairnError && error.code === SdkErrorCode.NameNotHeld;
        if (!refusedName || target !== path) throw error;
      }
    }
    throw new CairnError(SdkErrorCode.NameNotHeld, `${path}: the destination refuses the name`);
  }

  /**
   * How much of a partial file left by an interrupted restore can stay: the leading chunks
   * whose bytes still hash to the plan's chunk ids.
   */
  private async verifiedPartial(path: string, chunks: readonly PlanChunk[]): Promise<Resume> {
    const { crypto, keys, sink } = this.deps;
    const resume: Resume = { chunks: 0, bytes: 0 };
    for (const chunk of chunks) {
      const bytes = await sink.readPartial(path, resume.bytes, Number(chunk.plainSize));
      if (!bytes || chunkIdOf(crypto, keys, bytes) !== chunk.chunkId) break;
      resume.chunks++;
      resume.bytes += bytes.length;
    }
    return resume;
  }

  /** Fetches ahead with bounded concurrency but writes strictly in file order. */
  private async writeChunks(chunks: readonly PlanChunk[], writer: SinkWriter, resume: Resume) {
    const { api, crypto, keys } = this.deps;
    const ahead = Math.max(1, this.options.chunkConcurrency ?? 4);
    const fetches: (Promise<Uint8Array> | undefined)[] = [];
    const fetchAt = (i: number) => {
      const chunk = chunks[i];
      if (!chunk) return;
      const plaintext = api
        .getChunk(chunk.url)
        .then((stored) =>
          verifyAndOpenChunk(
            crypto,
            keys,
            { id: chunk.chunkId, checksum: chunk.checksum, plainSize: Number(chunk.plainSize) },
            stored,
          ),
        );
      plaintext.catch(() => undefined);
      fetches[i] = plaintext;
    };

    for (let i = resume.chunks; i < resume.chunks + ahead; i++) fetchAt(i);
    let size = resume.bytes;
    try {
      for (let i = resume.chunks; i < chunks.length; i++) {
        const plaintext = await fetches[i]!;
        fetches[i] = undefined;
        fetchAt(i + ahead);
        if (Number(chunks[i]!.offset) !== size) {
          throw new CairnError(SdkErrorCode.ProtocolError, `chunk ${i} is at an unexpected offset`);
        }
        await writer.write(plaintext);
        size += plaintext.length;
        this.report.bytesWritten += plaintext.length;
        this.events.emit('bytesWritten', { bytes: plaintext.length });
      }
    } finally {
      // A file that failed leaves no downloads (or their retries) running behind its outcome.
      await Promise.allSettled(fetches.filter((fetch) => fetch !== undefined));
    }
    return { size };
  }

  private verifyWhole(
    file: PathVersion,
    plan: RestorePlanQuery['restorePlan'],
    written: { size: number },
  ): void {
    if (String(written.size) !== plan.version.size) {
      throw new CairnError(
        SdkErrorCode.SizeMismatch,
        `${file.path}: wrote ${written.size} bytes, the version has ${plan.version.size}`,
      );
    }
    // Every chunk written was checked against its id (a keyed MAC of its plaintext) at its
    // offset, so the plan's chunk list hashing to the version's content hash covers every byte.
    const chunks = plan.chunks.map((c) => ({ id: c.chunkId, plainSize: Number(c.plainSize) }));
    if (contentHashOf(this.deps.crypto, this.deps.keys, chunks) !== plan.version.contentHash) {
      throw new CairnError(
        SdkErrorCode.ContentHashMismatch,
        `${file.path}: the restored content does not match the version's hash`,
      );
    }
  }
}
