import { BadInputError } from '../errors';

const int64Max = (1n << 63n) - 1n;

/** Parses a non-negative Int64 string into a bigint; refuses anything else with BAD_USER_INPUT. */
export function parseSize(value: string, what: string): bigint {
  if (!/^\d{1,19}$/.test(value)) throw new BadInputError(`${what} must be a non-negative Int64`);
  const parsed = BigInt(value);
  if (parsed > int64Max) throw new BadInputError(`${what} is over the Int64 range`);
  return parsed;
}
