import { execFile } from 'node:child_process';
import { open, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

/** The byte forms a string may take on disk: UTF-8, and UTF-16 in both byte orders. */
export function encodings(text: string): Buffer[] {
  const le = Buffer.from(text, 'utf16le');
  return [Buffer.from(text, 'utf8'), le, Buffer.from(le).swap16()];
}

/** Where any of `needles` occurs in `bytes`, as indexes into `needles`. */
export function findIn(bytes: Buffer, needles: Buffer[]): number[] {
  return needles.flatMap((needle, i) => (bytes.includes(needle) ? [i] : []));
}

/**
 * Every file under `root` holding any of `needles`, read in overlapping pieces so a needle that
 * straddles two pieces is still found and a large file never sits in memory whole.
 */
export async function findInTree(root: string, needles: Buffer[]): Promise<string[]> {
  const found: string[] = [];
  const longest = Math.max(...needles.map((n) => n.length));
  const piece = Buffer.alloc(4 * 1024 * 1024 + longest);
  for (const path of await allFiles(root)) {
    const file = await open(path, 'r');
    try {
      let carried = 0;
      for (;;) {
        const { bytesRead } = await file.read(piece, carried, piece.length - carried);
        const window = piece.subarray(0, carried + bytesRead);
        if (findIn(window, needles).length > 0) {
          found.push(relative(root, path));
          break;
        }
        if (bytesRead === 0) break;
        carried = Math.min(longest - 1, window.length);
        window.copy(piece, 0, window.length - carried);
      }
    } finally {
      await file.close();
    }
  }
  return found;
}

/** Every regular file under `root`, hidden folders included. */
export async function allFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
  }
  return files;
}

/** A plain-text `pg_dump` (schema and every row) of the database at `url`. */
export async function dumpDatabase(url: string): Promise<Buffer> {
  const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', url], {
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024,
  });
  return stdout;
}
