import { mkdir, open, readFile, rename } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Journal, JournalEntry } from '../core/ports';

/**
 * The journal as an append-only JSON-lines file: one line per committed entry, the last line
 * for a path wins. A process killed mid-append leaves a torn last line, which loading skips.
 * When the file holds far more lines than live entries it is rewritten and renamed into place.
 */
export class JsonlJournal implements Journal {
  private constructor(
    private readonly path: string,
    private readonly entries: Map<string, JournalEntry>,
    private handle: FileHandle,
    private lines: number,
  ) {}

  static async open(path: string): Promise<JsonlJournal> {
    await mkdir(dirname(path), { recursive: true });
    const entries = new Map<string, JournalEntry>();
    let lines = 0;
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      const entry = parseLine(line);
      if (!entry) continue;
      if ('forgotten' in entry) entries.delete(entry.path);
      else entries.set(entry.path, entry);
      lines++;
    }
    // A torn tail would glue itself to the next append: start that append on a fresh line.
    const torn = text.length > 0 && !text.endsWith('\n');
    const handle = await open(path, 'a');
    if (torn) await handle.write('\n');
    const journal = new JsonlJournal(path, entries, handle, lines);
    if (lines > 2 * entries.size + 1000) await journal.compact();
    return journal;
  }

  get(path: string): JournalEntry | undefined {
    return this.entries.get(path);
  }

  size(): number {
    return this.entries.size;
  }

  all(): IterableIterator<JournalEntry> {
    return this.entries.values();
  }

  async record(entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const text = entries.map((e) => JSON.stringify(e) + '\n').join('');
    await this.handle.write(text);
    await this.handle.datasync();
    for (const entry of entries) this.entries.set(entry.path, entry);
    this.lines += entries.length;
    if (this.lines > 2 * this.entries.size + 1000) await this.compact();
  }

  async forget(paths: readonly string[]): Promise<void> {
    const known = paths.filter((path) => this.entries.has(path));
    if (known.length === 0) return;
    const text = known.map((path) => JSON.stringify({ path, forgotten: true }) + '\n').join('');
    await this.handle.write(text);
    await this.handle.datasync();
    for (const path of known) this.entries.delete(path);
    this.lines += known.length;
  }

  /** Rewrites the live entries to a new file, fsyncs it and renames it over the old one. */
  async compact(): Promise<void> {
    const temporary = `${this.path}.compact`;
    const out = await open(temporary, 'w');
    try {
      const text = [...this.entries.values()].map((e) => JSON.stringify(e) + '\n').join('');
      await out.write(text);
      await out.sync();
    } finally {
      await out.close();
    }
    await this.handle.close();
    await rename(temporary, this.path);
    this.handle = await open(this.path, 'a');
    this.lines = this.entries.size;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** A line that drops an earlier entry for its path. */
interface Forgotten {
  path: string;
  forgotten: true;
}

function parseLine(line: string): JournalEntry | Forgotten | null {
  if (line.trim() === '') return null;
  try {
    const value = JSON.parse(line) as Partial<JournalEntry> & { forgotten?: unknown };
    if (value.forgotten === true && typeof value.path === 'string') {
      return { path: value.path, forgotten: true };
    }
    const valid =
      typeof value.path === 'string' &&
      typeof value.size === 'number' &&
      typeof value.mtimeMs === 'number' &&
      typeof value.versionId === 'string' &&
      typeof value.contentHash === 'string';
    return valid ? (value as JournalEntry) : null;
  } catch {
    return null;
  }
}
