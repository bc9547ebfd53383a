import { ErrorCode } from './errors';
import { Limits } from './limits';

export type PathCheck =
  | { ok: true; path: string; normalized: string }
  | {
      ok: false;
      code: typeof ErrorCode.InvalidPath | typeof ErrorCode.NameTooLong;
      reason: string;
    };

const utf8 = new TextEncoder();
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a library path ("Camera/IMG_0001.HEIC"). The exact string is kept for storage;
 * `normalized` (NFC) is what lookups and uniqueness use, so an NFD name from one device and
 * an NFC name from another are the same file.
 */
export function checkLibraryPath(path: string): PathCheck {
  const invalid = (reason: string): PathCheck => ({
    ok: false,
    code: ErrorCode.InvalidPath,
    reason,
  });

  if (path.length === 0) return invalid('path is empty');
  if (path.includes('\0')) return invalid('path contains a NUL character');
  // A lone surrogate has no UTF-8 form: storing it would silently change the name.
  if (loneSurrogate.test(path)) return invalid('path is not well-formed Unicode (lone surrogate)');
  if (path.startsWith('/')) return invalid('path must be relative to the library');
  if (/^[A-Za-z]:/.test(path) || path.includes('\\')) {
    return invalid('path must use "/" separators and no drive letter');
  }
  if (utf8.encode(path).length > Limits.pathMaxBytes) {
    return {
      ok: false,
      code: ErrorCode.NameTooLong,
      reason: `path exceeds ${Limits.pathMaxBytes} UTF-8 bytes`,
    };
  }

  for (const component of path.split('/')) {
    if (component === '') return invalid('path has an empty component');
    if (component === '.' || component === '..')
      return invalid(`path has a "${component}" component`);
    if (utf8.encode(component).length > Limits.pathComponentMaxBytes) {
      return {
        ok: false,
        code: ErrorCode.NameTooLong,
        reason: `a path component exceeds ${Limits.pathComponentMaxBytes} UTF-8 bytes`,
      };
    }
  }

  return { ok: true, path, normalized: path.normalize('NFC') };
}
