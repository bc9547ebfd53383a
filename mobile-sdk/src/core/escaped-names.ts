/** Characters Windows, exFAT and FAT cards refuse in a name, besides controls. */
const refused = new Set(['<', '>', ':', '"', '\\', '|', '?', '*']);
const deviceNames = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const maxComponentBytes = 255;
const encoder = new TextEncoder();

/**
 * The name a file is restored under when the destination cannot hold its own: each component
 * with every character such systems refuse (and `%` itself, so the mapping cannot collide) as
 * `%XX` of its UTF-8 bytes, trailing dots and spaces likewise, and a device name's first letter.
 * The same path always gives the same name, so a resumed restore finds its partial file.
 */
export function escapedPath(path: string): string {
  return path.split('/').map(escapedComponent).join('/');
}

function escapedComponent(name: string): string {
  const chars = [...name];
  let keep = chars.length;
  while (keep > 0 && (chars[keep - 1] === '.' || chars[keep - 1] === ' ')) keep--;
  const escaped = chars.map((c, i) => (i >= keep || mustEscape(c) ? percent(c) : c));
  if (deviceNames.test(name)) escaped[0] = percent(chars[0]!);
  return fitted(escaped, name);
}

function mustEscape(c: string): boolean {
  return c === '%' || refused.has(c) || c.codePointAt(0)! < 0x20 || c === '\u007f';
}

function percent(c: string): string {
  return [...encoder.encode(c)]
    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/**
 * Escaping can triple a name; past the limit it is cut (between characters or escapes, never
 * inside one) and told apart by a hash of the whole.
 */
function fitted(units: readonly string[], original: string): string {
  const whole = units.join('');
  if (encoder.encode(whole).length <= maxComponentBytes) return whole;
  const suffix = `~${fnv1a(original)}`;
  let cut = '';
  let bytes = suffix.length;
  for (const unit of units) {
    bytes += encoder.encode(unit).length;
    if (bytes > maxComponentBytes) break;
    cut += unit;
  }
  return cut + suffix;
}

/** FNV-1a, 64 bits, as hex: a stable tag, not a secret. */
function fnv1a(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of encoder.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
