import type { CairnApi } from './api';
import {
  FilesDocument,
  LibraryAtDocument,
  type FilesQuery,
  type HeadVersionFragment,
} from '../generated/operations';

export type LibraryFile = FilesQuery['files']['items'][number];

/** A library path with the version to restore there. */
export interface PathVersion {
  path: string;
  head: HeadVersionFragment | null;
}

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

/** The library under `pathPrefix` as it was at `at` (server commit time), page by page. */
export async function* listFilesAt(
  api: CairnApi,
  at: string,
  pathPrefix: string | null,
): AsyncGenerator<PathVersion> {
  for (let offset = 0; ;) {
    const page = await api.request(LibraryAtDocument, { at, pathPrefix, offset, limit: pageSize });
    for (const entry of page.libraryAt.items) yield { path: entry.path, head: entry.version };
    offset += page.libraryAt.items.length;
    if (page.libraryAt.items.length === 0 || offset >= page.libraryAt.total) return;
  }
}
