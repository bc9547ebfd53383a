/**
 * Turns a call's arguments into the small JSON an audit row keeps. Secrets never get in: a value
 * is replaced by `redacted` when its argument or input field has a secret's name, whatever its
 * type, and any string that looks like a credential (API key, device credential, JWT) is
 * replaced wherever it appears. Names ending in `Id` or `Ids` name records and are kept.
 */
export const redacted = '[REDACTED]';

const secretName = /pass(word|phrase)|secret|token|totp|otp|code|credential|key$|signature|bytes/i;
const recordIdName = /Ids?$/;
const credentialLike = /^(ck|cd)_|^eyJ[\w-]*\.[\w-]*\./;

export function isSecretName(name: string): boolean {
  return !recordIdName.test(name) && secretName.test(name);
}

interface Limits {
  /** List items kept at the top level, and in nested lists. */
  items: number;
  nestedItems: number;
  text: number;
  depth: number;
}

/** Tried in order until the JSON fits in `maxChars`; past the last, only the names are kept. */
const attempts: Limits[] = [
  { items: 10, nestedItems: 3, text: 200, depth: 4 },
  { items: 3, nestedItems: 1, text: 80, depth: 3 },
];
const maxChars = 8192;

export function summariseArguments(args: Record<string, unknown>): Record<string, unknown> {
  for (const limits of attempts) {
    const summary = summariseObject(args, limits, 0);
    if (JSON.stringify(summary).length <= maxChars) return summary;
  }
  return { truncated: true, arguments: Object.keys(args).slice(0, 50) };
}

function summariseObject(
  value: Record<string, unknown>,
  limits: Limits,
  depth: number,
): Record<string, unknown> {
  const entries = Object.entries(value).map(([name, field]) => [
    name,
    summarise(name, field, limits, depth + 1),
  ]);
  return Object.fromEntries(entries) as Record<string, unknown>;
}

function summarise(name: string, value: unknown, limits: Limits, depth: number): unknown {
  if (value === null || value === undefined) return null;
  if (isSecretName(name)) return redacted;
  if (typeof value === 'string') {
    if (credentialLike.test(value)) return redacted;
    return value.length > limits.text ? `${value.slice(0, limits.text)}…` : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (depth > limits.depth) return '…';
  if (Array.isArray(value)) {
    const keep = depth <= 1 ? limits.items : limits.nestedItems;
    const items = value.slice(0, keep).map((item) => summarise(name, item, limits, depth + 1));
    return value.length > keep ? [...items, `… ${value.length - keep} more`] : items;
  }
  if (typeof value === 'object') {
    return summariseObject(value as Record<string, unknown>, limits, depth);
  }
  return null;
}
