const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * Formats an Int64 byte count ("5368709120") as "5.0 GiB". The arithmetic stays in BigInt so
 * sizes past 2^53 (or 2^31) are never rounded through a JavaScript number.
 */
export function formatBytes(value: string | null | undefined): string {
  if (value === null || value === undefined || !/^\d+$/.test(value)) return '';
  const bytes = BigInt(value);

  let unit = 0;
  while (unit < units.length - 1 && bytes >= 1024n ** BigInt(unit + 1)) unit += 1;
  if (unit === 0) return `${bytes} B`;

  // Tenths of the unit, rounded half up; 1023.96 KiB carries over to 1.0 MiB.
  const divisor = 1024n ** BigInt(unit);
  let tenths = (bytes * 10n + divisor / 2n) / divisor;
  if (tenths >= 10240n && unit < units.length - 1) {
    unit += 1;
    tenths = (bytes * 10n + divisor * 512n) / (divisor * 1024n);
  }
  return `${tenths / 10n}.${tenths % 10n} ${units[unit]}`;
}
