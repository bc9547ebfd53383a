import { checkLibraryPath } from '../src';

describe('checkLibraryPath', () => {
  it.each([
    ['', 'empty'],
    ['a/../b', '".."'],
    ['./a', '"."'],
    ['a//b', 'empty component'],
    ['a/', 'empty component'],
    ['/etc/passwd', 'relative'],
    ['a\0b', 'NUL'],
    ['C:/x', 'drive letter'],
    ['a\\b', 'separators'],
    ['bad\ud800name', 'lone surrogate'],
  ])('refuses %j as INVALID_PATH', (path, reason) => {
    const check = checkLibraryPath(path);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.code).toBe('INVALID_PATH');
      expect(check.reason).toContain(reason);
    }
  });

  it('counts limits in UTF-8 bytes, not characters', () => {
    const fits = 'é'.repeat(127); // 254 bytes
    const tooLong = 'é'.repeat(128); // 256 bytes, 128 characters
    expect(checkLibraryPath(fits).ok).toBe(true);
    expect(checkLibraryPath(tooLong)).toMatchObject({ ok: false, code: 'NAME_TOO_LONG' });
    expect(checkLibraryPath(Array(20).fill('a'.repeat(250)).join('/'))).toMatchObject({
      ok: false,
      code: 'NAME_TOO_LONG',
    });
  });

  it('keeps the exact name and matches on its NFC form', () => {
    const nfd = 'Cafe\u0301/Ame\u0301lie.jpg';
    const nfc = 'Caf\u00e9/Am\u00e9lie.jpg';
    const a = checkLibraryPath(nfd);
    const b = checkLibraryPath(nfc);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.path).toBe(nfd);
      expect(a.normalized).toBe(b.normalized);
    }
  });

  it('accepts emoji, newlines, trailing spaces and dots', () => {
    for (const path of ['📷/🎉.jpg', 'a\nb.txt', 'trailing ', 'dots...']) {
      expect(checkLibraryPath(path)).toMatchObject({ ok: true, path });
    }
  });
});
