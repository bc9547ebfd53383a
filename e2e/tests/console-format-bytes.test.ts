import { loadConsoleModule } from '../src/console-module';

const { formatBytes } = loadConsoleModule<{
  formatBytes: (value: string | null | undefined) => string;
}>('src/format-bytes.ts');

describe('console byte sizes (Int64 strings)', () => {
  it.each([
    ['0', '0 B'],
    ['1023', '1023 B'],
    ['1024', '1.0 KiB'],
    ['300000', '293.0 KiB'],
    ['1572864', '1.5 MiB'],
    ['1048575', '1.0 MiB'],
    ['2147483648', '2.0 GiB'],
    ['4294967297', '4.0 GiB'],
    ['5497558138880', '5.0 TiB'],
  ])('formats %s bytes as %s', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });

  it('formats sizes up to 2^63 - 1, past what 32-bit or safe-integer math holds', () => {
    expect(formatBytes('9223372036854775807')).toBe('8.0 EiB');
    expect(formatBytes('9007199254740993')).toBe('8.0 PiB');
    expect(formatBytes('1152921504606846975')).toBe('1.0 EiB');
  });

  it('shows nothing for a missing or malformed size rather than a wrong one', () => {
    expect(formatBytes(null)).toBe('');
    expect(formatBytes(undefined)).toBe('');
    expect(formatBytes('-1')).toBe('');
    expect(formatBytes('1e9')).toBe('');
  });
});
