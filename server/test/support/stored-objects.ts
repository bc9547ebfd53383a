import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningServer } from '../../src/app';

type Server = Pick<RunningServer, 'services'> & { dataDir: string };

/** Whether the server's blob store holds an object at `key`, in whichever tier it lives. */
export async function objectExists(server: Server, key: string): Promise<boolean> {
  return (await server.services.blobs.stat(key)) !== null;
}

/** Flips one bit of a stored object where it lies (a row or a file), as failing storage would. */
export async function corruptObject(server: Server, key: string, at = 30): Promise<void> {
  const row = await server.services.pool.query(
    'update small_object set bytes = set_byte(bytes, $2, get_byte(bytes, $2) # 1) where key = $1',
    [key, at],
  );
  if (row.rowCount === 1) return;
  const file = path.join(server.dataDir, 'blobs', ...key.split('/'));
  const bytes = await readFile(file);
  bytes[at]! ^= 1;
  await writeFile(file, bytes);
}
