import type { ScrubLimits } from '../config';
import type { Logger } from '../logger';
import type { BlobStore } from '../storage/blob-store';
import type pg from 'pg';

export interface ScrubDeps {
  pool: pg.Pool;
  blobs: BlobStore;
  limits: ScrubLimits;
  log: Logger;
}

/** What one scrub run did, logged and kept as the job's return value. */
export interface ScrubTally {
  objectsVerified: number;
  bytesRead: number;
  keysListed: number;
  missing: number;
  corrupt: number;
  orphaned: number;
  deleted: number;
  resolved: number;
  /** Whether a pass reached its end this run, so the next run starts it over. */
  chunksLapDone: boolean;
  objectsLapDone: boolean;
}

export function emptyTally(): ScrubTally {
  return {
    objectsVerified: 0,
    bytesRead: 0,
    keysListed: 0,
    missing: 0,
    corrupt: 0,
    orphaned: 0,
    deleted: 0,
    resolved: 0,
    chunksLapDone: false,
    objectsLapDone: false,
  };
}
