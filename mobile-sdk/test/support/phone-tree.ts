import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pseudoRandomBytes } from './random';

/** A small phone folder: a multi-chunk file and its copy, a non-ASCII name, an empty file. */
export const tree = {
  'Camera/big.bin': pseudoRandomBytes(1_500_000, 11),
  'Camera/été 🌅.jpg': pseudoRandomBytes(70_000, 12),
  'Docs/empty.txt': '',
  'Docs/note.txt': 'a short note',
  'Docs/copy-of-big.bin': pseudoRandomBytes(1_500_000, 11),
};

export const libraryPaths = Object.keys(tree).map((path) => `Phone/${path}`);

/** Every file under `root`, by relative path, as base64, for whole-tree comparisons. */
export async function readTree(root: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await readTree(root, path));
    else out[path] = (await readFile(join(root, path))).toString('base64');
  }
  return out;
}
