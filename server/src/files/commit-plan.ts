import { randomUUID } from 'node:crypto';
import { checkLibraryPath } from '@cairn/schema';
import type pg from 'pg';
import {
  AppError,
  ChunksMissingError,
  ChunkMismatchError,
  ConflictError,
  NotFoundError,
} from '../errors';
import type { CheckedCommit } from './commit-input';
import { conflictCopyPath } from './commit-input';
import type { PathShapes } from './path-shapes';
import type { CommitState, HeadInfo, Scope } from './commit-state';
import { loadFileByNfc } from './commit-state';
import { writeCommits } from './commit-writes';
import type { FileRow } from './rows';

/** What one item of a batch resolved to, before the rows are read back. */
export type PlannedItem =
  | { kind: 'error'; error: AppError }
  | { kind: 'existing'; fileId: string; versionId: string; conflict: boolean }
  | { kind: 'new'; fileId: string; versionId: string; conflict: boolean }
  | { kind: 'trashed'; fileId: string; versionId: string };

interface FileState {
  file: FileRow;
  head: HeadInfo | null;
  isNew: boolean;
  addedVersions: number;
}

export interface NewVersion {
  id: string;
  fileId: string;
  item: CheckedCommit;
  conflict: boolean;
}

/**
 * Resolves a batch of commits in memory against the locked state, then writes everything with
 * a few set-based statements. Items are planned in order, so two commits to one path in the
 * same batch behave like two requests.
 */
export class CommitPlan {
  private readonly files = new Map<string, FileState>();
  private readonly versions: NewVersion[] = [];
  private readonly refDeltas = new Map<string, number>();
  private storedBytesDelta = 0n;
  private readonly batchKeys = new Map<
    string,
    { fileId: string; versionId: string; conflict: boolean; content: HeadInfo }
  >();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly scope: Scope & { deviceId: string; deviceName: string },
    private readonly state: CommitState,
    private readonly now: Date,
    private readonly shapes: PathShapes,
  ) {
    for (const file of state.filesByNfc.values()) {
      const head = file.headId ? (state.heads.get(file.headId) ?? null) : null;
      this.files.set(file.pathNfc, { file, head, isNew: false, addedVersions: 0 });
    }
  }

  async add(item: CheckedCommit): Promise<PlannedItem> {
    try {
      return await this.plan(item);
    } catch (error) {
      if (error instanceof AppError) return { kind: 'error', error };
      throw error;
    }
  }

  private async plan(item: CheckedCommit): Promise<PlannedItem> {
    const earlier = item.idempotencyKey
      ? this.state.byIdempotencyKey.get(item.idempotencyKey)
      : null;
    const inBatch = item.idempotencyKey ? this.batchKeys.get(item.idempotencyKey) : undefined;
    if (inBatch) {
      if (!sameContent(inBatch.content, item)) throw idempotencyKeyReused();
      const { fileId, versionId, conflict } = inBatch;
      return { kind: 'existing', fileId, versionId, conflict };
    }
    if (earlier) {
      const content = { contentHash: earlier.contentHash, size: BigInt(earlier.size) };
      if (!sameContent(content, item)) throw idempotencyKeyReused();
      return {
        kind: 'existing',
        fileId: earlier.fileId,
        versionId: earlier.id,
        conflict: earlier.conflict,
      };
    }
    this.checkChunks(item);
    if (item.baseVersionId && !this.state.baseVersionIds.has(item.baseVersionId)) {
      throw new NotFoundError('base version', item.baseVersionId);
    }

    const current = this.files.get(item.pathNfc);
    if (current?.head && current.file.headId && sameContent(current.head, item)) {
      // The library already holds this content here (e.g. a reinstalled app re-scanning).
      return {
        kind: 'existing',
        fileId: current.file.id,
        versionId: current.file.headId,
        conflict: false,
      };
    }
    const trashed = this.trashedWithSameContent(item);
    if (trashed) return { kind: 'trashed', fileId: trashed.fileId, versionId: trashed.headId };

    if (!current) this.shapes.claim(item.pathNfc, item.path);
    const conflict = current !== undefined && current.file.headId !== item.baseVersionId;
    const target =
      !conflict || this.state.conflictPolicy === 'NEWEST_WINS'
        ? (current ?? this.newFile(item.path, item.pathNfc, item.deviceAssetId))
        : await this.conflictCopy(item);

    const version: NewVersion = { id: randomUUID(), fileId: target.file.id, item, conflict };
    this.versions.push(version);
    this.storedBytesDelta += item.size - (target.head?.size ?? 0n);
    target.head = { size: item.size, contentHash: item.contentHash };
    target.file.headId = version.id;
    target.file.deviceAssetId = item.deviceAssetId ?? target.file.deviceAssetId;
    target.addedVersions += 1;
    for (const chunk of item.chunks) {
      const rowId = this.state.chunks.get(chunk.id)!.rowId;
      this.refDeltas.set(rowId, (this.refDeltas.get(rowId) ?? 0) + 1);
    }
    const planned = { fileId: target.file.id, versionId: version.id, conflict };
    if (item.idempotencyKey) {
      const content = { contentHash: item.contentHash, size: item.size };
      this.batchKeys.set(item.idempotencyKey, { ...planned, content });
    }
    return { kind: 'new', ...planned };
  }

  /**
   * Content someone deleted to trash at this path, from this device asset: sending it again
   * must not bring it back (a phone still holding the photo would otherwise undo every delete).
   */
  private trashedWithSameContent(item: CheckedCommit) {
    return this.state.trashedByNfc
      .get(item.pathNfc)
      ?.find(
        (file) =>
          sameContent(file, item) &&
          (!file.deviceAssetId || !item.deviceAssetId || file.deviceAssetId === item.deviceAssetId),
      );
  }

  private checkChunks(item: CheckedCommit) {
    const missing = new Set<string>();
    for (const chunk of item.chunks) {
      const stored = this.state.chunks.get(chunk.id);
      if (!stored) missing.add(chunk.id);
      else if (stored.plainSize !== chunk.plainSize) {
        throw new ChunkMismatchError(
          `chunk ${chunk.id} is stored with plainSize ${stored.plainSize}, not ${chunk.plainSize}`,
        );
      }
    }
    if (missing.size > 0) throw new ChunksMissingError([...missing]);
  }

  private newFile(path: string, pathNfc: string, deviceAssetId: string | null): FileState {
    const file: FileRow = {
      id: randomUUID(),
      tenantId: this.scope.tenantId,
      userId: this.scope.userId,
      path,
      pathNfc,
      deviceAssetId,
      headId: null,
      versionCount: 0,
      createdAt: this.now,
      updatedAt: this.now,
      trashedAt: null,
    };
    const state = { file, head: null, isNew: true, addedVersions: 0 };
    this.files.set(pathNfc, state);
    return state;
  }

  private async conflictCopy(item: CheckedCommit): Promise<FileState> {
    const checked = checkLibraryPath(conflictCopyPath(item.path, this.scope.deviceName, this.now));
    if (!checked.ok) throw new AppError(checked.code, `conflict copy name: ${checked.reason}`);
    const known = this.files.get(checked.normalized);
    if (known) return known;
    const stored = await loadFileByNfc(this.client, this.scope, checked.normalized);
    if (stored) {
      const state = { ...stored, isNew: false, addedVersions: 0 };
      this.files.set(checked.normalized, state);
      return state;
    }
    return this.newFile(checked.path, checked.normalized, item.deviceAssetId);
  }

  /** Writes files, versions, chunk lists, reference counts and the user's bytes. */
  async write(): Promise<void> {
    if (this.versions.length === 0) return;
    const states = [...this.files.values()];
    await writeCommits(this.client, this.scope, {
      newFiles: states.filter((f) => f.isNew && f.addedVersions > 0).map((f) => f.file),
      touchedFiles: states
        .filter((f) => f.addedVersions > 0)
        .map((f) => ({ file: f.file, addedVersions: f.addedVersions })),
      versions: this.versions,
      chunkRowIds: new Map([...this.state.chunks].map(([hash, chunk]) => [hash, chunk.rowId])),
      refDeltas: this.refDeltas,
      storedBytesDelta: this.storedBytesDelta,
    });
  }
}

/** A retry must be the same commit; anything else under the key would be silently dropped. */
function idempotencyKeyReused() {
  return new ConflictError('idempotencyKey was already used for a commit of other content');
}

function sameContent(head: HeadInfo, item: CheckedCommit): boolean {
  return head.contentHash === item.contentHash && head.size === item.size;
}
