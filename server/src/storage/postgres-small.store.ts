import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type pg from 'pg';

import type {
  BlobExpectation,
  BlobPut,
  BlobPutResult,
  BlobStat,
  BlobStore,
  ByteRange,
} from './blob-store';
import { BlobMismatchError, BlobNotFoundError, checkBlobBytes, checkBlobKey } from './blob-store';

const listPage = 1000;
/** Two parameters per row, well inside PostgreSQL's 65,535 per statement. */
const rowsPerInsert = 1000;

/**
 * Small objects as rows of `small_object`. A file per object costs a create, a write, two
 * fsyncs and a rename, which for a photo library's thousands of small files is most of a
 * backup's time; a row costs an insert, and concurrent inserts share one WAL flush. Every
 * insert commits durably (this pool must not turn `synchronous_commit` off).
 */
export class PostgresSmallBlobStore implements BlobStore {
  constructor(private readonly pool: pg.Pool) {}

  async put(key: string, body: Readable, expected: BlobExpectation) {
    checkBlobKey(key);
    body.on('error', ignore);
    const bytes = await readChecked(body, key, expected);
    const created = await this.insertNew([{ key, bytes, expected }]);
    return { created: created.length === 1 };
  }

  /**
   * Every valid object in one insert (per thousand), so a bundle of small chunks costs one commit
   * and one WAL flush instead of one per object.
   */
  async putMany(items: readonly BlobPut[]): Promise<BlobPutResult[]> {
    const results: BlobPutResult[] = items.map(({ key, bytes, expected }) => {
      try {
        checkBlobKey(key);
        checkBlobBytes(key, bytes, expected);
        return { created: false };
      } catch (error) {
        return { error };
      }
    });
    const valid = items.filter((_, i) => !('error' in results[i]!));
    const inserted = new Set<string>();
    for (let start = 0; start < valid.length; start += rowsPerInsert) {
      for (const key of await this.insertNew(valid.slice(start, start + rowsPerInsert))) {
        inserted.add(key);
      }
    }
    // A key given twice is inserted once: the first item with it is the one that created it.
    items.forEach(({ key }, i) => {
      if (!('error' in results[i]!) && inserted.delete(key)) results[i] = { created: true };
    });
    return results;
  }

  /**
   * One VALUES row per object rather than a bytea[] parameter: node-pg sends a Buffer as a
   * binary parameter, while an array goes as text that PostgreSQL must parse back out of hex,
   * which cost more than the rest of a small-files backup together.
   */
  private async insertNew(items: readonly BlobPut[]): Promise<string[]> {
    if (items.length === 0) return [];
    const placeholders = items.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
    const { rows } = await this.pool.query<{ key: string }>(
      `insert into small_object (key, bytes) values ${placeholders}
       on conflict (key) do nothing
       returning key`,
      items.flatMap((item) => [item.key, item.bytes]),
    );
    return rows.map((row) => row.key);
  }

  async stat(key: string): Promise<BlobStat | null> {
    checkBlobKey(key);
    const { rows } = await this.pool.query<{ size: number; stored_at: Date }>(
      'select octet_length(bytes) as size, stored_at from small_object where key = $1',
      [key],
    );
    return rows[0] ? { size: rows[0].size, modifiedAt: rows[0].stored_at } : null;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    checkBlobKey(key);
    // substring() counts from 1; a whole read asks for everything from the first byte.
    const start = range ? range.start + 1 : 1;
    const length = range ? range.end - range.start + 1 : 2 ** 31 - 1;
    const { rows } = await this.pool.query<{ bytes: Buffer }>(
      'select substring(bytes from $2 for $3) as bytes from small_object where key = $1',
      [key, start, length],
    );
    if (!rows[0]) throw new BlobNotFoundError(key);
    return Readable.from([rows[0].bytes]);
  }

  async delete(key: string) {
    checkBlobKey(key);
    await this.pool.query('delete from small_object where key = $1', [key]);
  }

  async *list(prefix: string): AsyncIterable<string> {
    let after = '';
    for (;;) {
      const { rows } = await this.pool.query<{ key: string }>(
        `select key from small_object where starts_with(key, $1) and key > $2
         order by key limit ${listPage}`,
        [prefix, after],
      );
      for (const row of rows) yield row.key;
      if (rows.length < listPage) return;
      after = rows[rows.length - 1]!.key;
    }
  }
}

/** Reads a whole (small) body, refusing it unless its size and SHA-256 are as expected. */
async function readChecked(body: Readable, key: string, expected: BlobExpectation) {
  const hash = createHash('sha256');
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const piece of body as AsyncIterable<Buffer>) {
    size += piece.length;
    if (size > expected.size) {
      throw new BlobMismatchError(key, 'size', `more than ${expected.size} bytes`);
    }
    hash.update(piece);
    pieces.push(piece);
  }
  if (size !== expected.size) {
    throw new BlobMismatchError(key, 'size', `${size} bytes, expected ${expected.size}`);
  }
  const digest = hash.digest('hex');
  if (digest !== expected.sha256) {
    throw new BlobMismatchError(key, 'checksum', `sha256 ${digest}`);
  }
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, size);
}

function ignore() {}
