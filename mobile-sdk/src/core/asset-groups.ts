import type { JournalEntry } from './ports';

interface OpenGroup {
  waiting: Set<string>;
  entries: JournalEntry[];
  failed: boolean;
}

/**
 * Holds back the journal entries of a multi-part asset (a Live Photo's still and video) until
 * every part sent in this run has an outcome. If any part fails, none is journaled: the next run
 * reads them all again, and the parts already on the server cost no new version (their content
 * is the head there) and no upload.
 */
export class AssetGroups {
  private readonly groupOf = new Map<string, string>();
  private readonly open = new Map<string, OpenGroup>();

  /** A part (by library path) this run will send. */
  expect(group: string, path: string): void {
    this.groupOf.set(path, group);
    let open = this.open.get(group);
    if (!open) this.open.set(group, (open = { waiting: new Set(), entries: [], failed: false }));
    open.waiting.add(path);
  }

  /** A part's entry is ready; returns the entries to journal now (none while parts wait). */
  done(path: string, entry: JournalEntry): JournalEntry[] {
    const open = this.openGroupOf(path);
    if (!open) return [entry];
    open.entries.push(entry);
    return this.settle(path, open);
  }

  failed(path: string): void {
    const open = this.openGroupOf(path);
    if (!open) return;
    open.failed = true;
    this.settle(path, open);
  }

  private openGroupOf(path: string): OpenGroup | undefined {
    const group = this.groupOf.get(path);
    return group === undefined ? undefined : this.open.get(group);
  }

  private settle(path: string, open: OpenGroup): JournalEntry[] {
    open.waiting.delete(path);
    if (open.waiting.size > 0) return [];
    this.open.delete(this.groupOf.get(path)!);
    return open.failed ? [] : open.entries;
  }
}
