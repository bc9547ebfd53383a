import type { SkippedEntry } from './ports';

/** A small typed event emitter, so the core needs no platform EventEmitter. */
export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(kind: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(kind);
    if (!set) this.listeners.set(kind, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof Events>(kind: K, payload: Events[K]): void {
    const set = this.listeners.get(kind);
    if (!set) return;
    for (const listener of set) (listener as (p: Events[K]) => void)(payload);
  }
}

export interface Failure {
  path: string;
  code: string;
  message: string;
}

export interface BackupEvents {
  scanProgress: { filesScanned: number; filesChanged: number; bytesToRead: number };
  bytesHashed: { bytes: number };
  chunkUploaded: { chunkId: string; bytes: number };
  fileCommitted: { path: string; versionId: string; conflict: boolean };
  fileSkipped: { path: string };
  /** Found at a new path with its old content: moved on the server, keeping its history. */
  fileMoved: { from: string; to: string };
  /** The server holds this content in trash: it was deleted there, so it is not sent again. */
  fileTrashed: { path: string; versionId: string };
  fileFailed: Failure;
  /** A link or special file in the folder, not backed up. */
  entrySkipped: SkippedEntry;
}

export interface RestoreEvents {
  planned: { files: number; bytes: number };
  bytesWritten: { bytes: number };
  fileRestored: { path: string; size: number };
  fileFailed: Failure;
}
