import { randomFillSync, randomInt } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** What to put in a generated folder: the mix a phone's camera roll and documents look like. */
export interface FolderPlan {
  largeFiles: { name: string; bytes: number }[];
  photos: number;
  photoBytes: [number, number];
  documents: number;
  textFiles: number;
  extras: boolean;
}

const words =
  'cairn stone trail summit valley river photo album backup restore journey light'.split(' ');

/** Builds the folder at run time; large files are written in pieces so memory stays small. */
export async function buildFolder(root: string, plan: FolderPlan): Promise<string[]> {
  const written: string[] = [];
  const put = async (path: string, bytes: Uint8Array | string) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), bytes);
    written.push(path);
  };

  for (const large of plan.largeFiles) {
    await writeRandomFile(join(root, large.name), large.bytes);
    written.push(large.name);
  }
  for (let i = 0; i < plan.photos; i++) {
    const [low, high] = plan.photoBytes;
    await put(`Camera/IMG_${String(i).padStart(4, '0')}.jpg`, photoBytes(randomInt(low, high)));
  }
  for (let i = 0; i < plan.documents; i++) {
    await put(`Documents/report-${i}.pdf`, documentBytes(randomInt(20_000, 600_000)));
  }
  for (let i = 0; i < plan.textFiles; i++) {
    const folder = `Notes/${String(Math.floor(i / 100)).padStart(2, '0')}`;
    await put(`${folder}/note-${i}.txt`, text(randomInt(200, 24_000)));
  }
  if (plan.extras) {
    await put('Documents/empty.txt', '');
    await put('Camera/été 🌅 ñandú.jpg', photoBytes(300_000));
    await put('Documents/Übersicht – 日本語.txt', text(5000));
  }
  return written;
}

export async function writeRandomFile(path: string, bytes: number) {
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, 'w');
  const piece = Buffer.alloc(8 * 1024 * 1024);
  try {
    for (let left = bytes; left > 0; left -= piece.length) {
      randomFillSync(piece);
      await file.write(piece, 0, Math.min(left, piece.length));
    }
  } finally {
    await file.close();
  }
}

/** Overwrites `bytes` bytes in the middle of a file, keeping its size: a typical small edit. */
export async function editInPlace(path: string, bytes: number) {
  const size = (await stat(path)).size;
  const file = await open(path, 'r+');
  try {
    const length = Math.min(bytes, size);
    const offset = Math.max(0, Math.floor(size / 2) - Math.floor(length / 2));
    await file.write(randomFillSync(Buffer.alloc(length)), 0, length, offset);
  } finally {
    await file.close();
  }
}

/** Every regular file under `root`, as `/`-separated relative paths, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  await walk(root);
  return found.sort();
}

/** Names of the files whose bytes differ between two trees (compared in pieces, not whole). */
export async function differingFiles(a: string, b: string, paths: string[]): Promise<string[]> {
  const differ: string[] = [];
  for (const path of paths) {
    if (!(await sameBytes(join(a, path), join(b, path)))) differ.push(path);
  }
  return differ;
}

async function sameBytes(left: string, right: string): Promise<boolean> {
  const [sl, sr] = await Promise.all([stat(left), stat(right)]);
  if (sl.size !== sr.size) return false;
  if (sl.size < 16 * 1024 * 1024) {
    return (await readFile(left)).equals(await readFile(right));
  }
  const [fl, fr] = await Promise.all([open(left), open(right)]);
  const bl = Buffer.alloc(4 * 1024 * 1024);
  const br = Buffer.alloc(bl.length);
  try {
    for (let offset = 0; offset < sl.size; offset += bl.length) {
      const [{ bytesRead: nl }, { bytesRead: nr }] = await Promise.all([
        fl.read(bl, 0, bl.length, offset),
        fr.read(br, 0, br.length, offset),
      ]);
      if (nl !== nr || !bl.subarray(0, nl).equals(br.subarray(0, nr))) return false;
    }
    return true;
  } finally {
    await Promise.all([fl.close(), fr.close()]);
  }
}

function photoBytes(size: number): Buffer {
  const bytes = randomFillSync(Buffer.alloc(size));
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return bytes;
}

function documentBytes(size: number): Buffer {
  const head = Buffer.from(`%PDF-1.7\n${text(Math.min(size, 4000))}\n`);
  return Buffer.concat([head, randomFillSync(Buffer.alloc(Math.max(0, size - head.length)))]);
}

function text(size: number): string {
  let out = '';
  while (out.length < size) out += `${words[randomInt(words.length)]}${randomInt(8) ? ' ' : '\n'}`;
  return out.slice(0, size);
}
