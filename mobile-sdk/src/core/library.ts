import type { CairnApi } from './api';
import { FilesDocument, type FilesQuery } from '../generated/operations';

export type LibraryFile = FilesQuery['files']['items'][number];

const pageSize = 500;

/** Every file of the device user's library under `pathPrefix`, page by page. */
export async function* listFiles(
  api: CairnApi,
  pathPrefix: string | null,
): AsyncGenerator<LibraryFile> {
  for (let offset = 0; ;) {
    const page = await api.request(FilesDocument, { pathPrefix, offset, limit: pageSize });
    yield* page.files.items;
    offset += page.files.items.length;
    if (page.files.items.length === 0 || offset >= page.files.total) return;
  }
}
