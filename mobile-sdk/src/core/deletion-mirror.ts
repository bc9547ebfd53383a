import { checkLibraryPath } from '@cairn/schema';
import type { CairnApi } from './api';
import { CairnError } from './errors';
import type { Failure } from './events';
import { listFiles } from './library';
import type { FileSource, Journal, JournalEntry, SkippedEntry } from './ports';
import { DeleteFilesDocument } from '../generated/operations';

export interface MirrorReport {
  /** Files gone from the folder and now in trash on the server. */
  filesTrashed: number;
  /** Gone here, but changed by another device since this one saw them: left alone. */
  filesKeptChanged: number;
  failures: Failure[];
}

/** The server takes up to 500 files per deleteFiles call. */
const deleteBatch = 500;

/**
 * Moves to trash the library files this device backed up from `libraryFolder` and no longer
 * holds. Opt-in: by default a file deleted on the device (to free space) stays backed up. Each
 * deletion names the version the device last saw, so content another device committed since
 * is never trashed from here.
 */
export async function mirrorDeletions(
  deps: { api: CairnApi; source: FileSource; journal: Journal },
  libraryFolder: string,
): Promise<MirrorReport> {
  const report: MirrorReport = { filesTrashed: 0, filesKeptChanged: 0, failures: [] };
  const gone = await goneFromFolder(deps, libraryFolder);
  if (gone.length === 0) return report;

  const live = new Map<string, string>();
  for await (const file of listFiles(deps.api, `${libraryFolder}/`)) {
    live.set(file.path.normalize('NFC'), file.id);
  }
  // Entries for files no longer live on the server have nothing left to mirror.
  const forget = gone.filter((entry) => !live.has(entry.path.normalize('NFC')));
  const toTrash = gone.filter((entry) => live.has(entry.path.normalize('NFC')));

  for (let start = 0; start < toTrash.length; start += deleteBatch) {
    const batch = toTrash.slice(start, start + deleteBatch);
    const inputs = batch.map((entry) => ({
      fileId: live.get(entry.path.normalize('NFC'))!,
      ifHeadVersionId: entry.versionId,
    }));
    let outcomes;
    try {
      outcomes = (await deps.api.request(DeleteFilesDocument, { inputs })).deleteFiles;
    } catch (error) {
      const { code, message } = CairnError.from(error);
      report.failures.push(...batch.map((entry) => ({ path: entry.path, code, message })));
      continue;
    }
    batch.forEach((entry, i) => {
      const error = outcomes[i]?.error;
      if (!error) report.filesTrashed++;
      else if (error.code === 'CONFLICT') report.filesKeptChanged++;
      else {
        report.failures.push({ path: entry.path, code: error.code, message: error.message });
        return;
      }
      forget.push(entry);
    });
  }
  await deps.journal.forget(forget.map((entry) => entry.path));
  return report;
}

/** Journal entries under the folder whose files the folder no longer holds. */
async function goneFromFolder(
  deps: { source: FileSource; journal: Journal },
  libraryFolder: string,
): Promise<JournalEntry[]> {
  const present = new Set<string>();
  // What the walk could not read is not gone: nothing at or under it is mirrored.
  const unreadable: string[] = [];
  const onSkip = (entry: SkippedEntry) => {
    if (entry.reason === 'unreadable') unreadable.push(`${libraryFolder}/${entry.relativePath}`);
  };
  for await (const info of deps.source.walk(onSkip)) {
    const check = checkLibraryPath(`${libraryFolder}/${info.relativePath}`);
    if (check.ok) present.add(check.path);
  }
  const hidden = (path: string) => unreadable.some((p) => path === p || path.startsWith(`${p}/`));
  return [...deps.journal.all()].filter(
    (entry) =>
      entry.path.startsWith(`${libraryFolder}/`) && !present.has(entry.path) && !hidden(entry.path),
  );
}
