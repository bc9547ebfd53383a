import { Limits } from '@cairn/schema';
import type pg from 'pg';
import type { ActorOf } from '../auth/actor';
import { inTransaction } from '../db/database';
import { AppError, BadInputError } from '../errors';
import type { FileEventBus } from '../events/file-events';
import type { CommitVersionInput } from '../generated/resolvers';
import type { Logger } from '../logger';
import type { CheckedCommit } from './commit-input';
import { checkCommitInput, itemError } from './commit-input';
import type { PlannedItem } from './commit-plan';
import { CommitPlan } from './commit-plan';
import { PathShapes } from './path-shapes';
import { loadCommitState, selectResults } from './commit-state';
import type { FileRow, VersionRow } from './rows';

export interface CommitOutcomeModel {
  path: string;
  file: FileRow | null;
  version: VersionRow | null;
  conflict: boolean;
  trashed: boolean;
  error: ReturnType<typeof itemError> | null;
}

/**
 * Commits versions for a device. Inputs are checked without the database first; the valid ones
 * are resolved in one transaction under a per-user lock, so a batch of hundreds costs a fixed
 * number of round trips while each item still succeeds or fails on its own.
 */
export class CommitService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly events: FileEventBus,
    private readonly log: Logger,
  ) {}

  async commit(
    device: ActorOf<'DEVICE'>,
    inputs: readonly CommitVersionInput[],
  ): Promise<CommitOutcomeModel[]> {
    if (inputs.length > Limits.maxCommitsPerBatch) {
      throw new BadInputError(`a batch holds at most ${Limits.maxCommitsPerBatch} commits`);
    }
    const checked = inputs.map(checkOrError);
    const valid = checked.filter((item): item is CheckedCommit => !(item instanceof AppError));
    const scope = { tenantId: device.tenantId, userId: device.userId };

    const { planned, files, versions } = await inTransaction(this.pool, async (client) => {
      if (valid.length === 0) return { planned: [], ...emptyResults() };
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [device.userId]);
      const state = await loadCommitState(client, scope, valid);
      const shapes = await PathShapes.load(client, scope, newPaths(valid, state));
      const plan = new CommitPlan(client, { ...scope, ...device }, state, new Date(), shapes);
      const planned: PlannedItem[] = [];
      for (const item of valid) planned.push(await plan.add(item));
      await plan.write();
      const ids = planned.flatMap((p) => (p.kind === 'error' ? [] : [p]));
      const results = await selectResults(
        client,
        scope,
        ids.map((p) => p.fileId),
        ids.map((p) => p.versionId),
      );
      return { planned, ...results };
    });

    let next = 0;
    const outcomes = checked.map((item, index): CommitOutcomeModel => {
      const path = inputs[index]!.path;
      if (item instanceof AppError) return failed(path, item);
      const result = planned[next++]!;
      if (result.kind === 'error') return failed(path, result.error);
      const file = files.get(result.fileId) ?? null;
      const version = versions.get(result.versionId) ?? null;
      if (result.kind === 'new' && file && version) {
        this.events.publish({ tenantId: device.tenantId, userId: device.userId, file, version });
      }
      if (result.kind === 'trashed') {
        return { path, file, version, conflict: false, trashed: true, error: null };
      }
      return { path, file, version, conflict: result.conflict, trashed: false, error: null };
    });
    this.log.debug({ items: inputs.length, committed: planned.length }, 'commit batch');
    return outcomes;
  }
}

/** The paths a batch may make new files at: those no live file holds yet. */
function newPaths(items: readonly CheckedCommit[], state: { filesByNfc: Map<string, unknown> }) {
  return items.map((item) => item.pathNfc).filter((path) => !state.filesByNfc.has(path));
}

function checkOrError(input: CommitVersionInput): CheckedCommit | AppError {
  try {
    return checkCommitInput(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

function failed(path: string, error: AppError): CommitOutcomeModel {
  return {
    path,
    file: null,
    version: null,
    conflict: false,
    trashed: false,
    error: itemError(error),
  };
}

function emptyResults() {
  return { files: new Map<string, FileRow>(), versions: new Map<string, VersionRow>() };
}
