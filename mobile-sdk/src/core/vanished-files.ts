import type { FileInfo, Journal, JournalEntry } from './ports';

/**
 * The journal's files under a folder that a scan no longer found at their path, by the
 * platform's asset id: where a changed path found in the same scan may have moved from. An asset
 * id two such entries share names neither.
 */
export class VanishedFiles {
  private readonly byAsset = new Map<string, JournalEntry | null>();

  constructor(journal: Journal, folderPrefix: string, seenPaths: ReadonlySet<string>) {
    for (const entry of journal.all()) {
      const asset = entry.deviceAssetId;
      if (!asset || !entry.path.startsWith(folderPrefix) || seenPaths.has(entry.path)) continue;
      this.byAsset.set(asset, this.byAsset.has(asset) ? null : entry);
    }
  }

  /** The entry this file moved from: the same asset with the same size and content. */
  find(info: FileInfo, contentHash: string): JournalEntry | null {
    const entry = info.assetId ? this.byAsset.get(info.assetId) : undefined;
    if (!entry || entry.size !== info.size || entry.contentHash !== contentHash) return null;
    return entry;
  }

  /** A source is moved from once; a second copy of it is a new file. */
  consume(entry: JournalEntry): void {
    if (entry.deviceAssetId) this.byAsset.delete(entry.deviceAssetId);
  }
}
