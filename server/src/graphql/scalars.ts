import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const int64Min = -(1n << 63n);
const int64Max = (1n << 63n) - 1n;

function parseInt64(value: unknown): string {
  if (typeof value !== 'string' || !/^-?\d{1,19}$/.test(value)) {
    throw new GraphQLError('Int64 must be a decimal string, e.g. "5368709120"');
  }
  const parsed = BigInt(value);
  if (parsed < int64Min || parsed > int64Max) throw new GraphQLError('Int64 is out of range');
  return parsed.toString();
}

/** 64-bit integers as decimal strings, so sizes over 2^53 never pass through a float. */
export const Int64Scalar = new GraphQLScalarType({
  name: 'Int64',
  serialize: (value) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    return parseInt64(value);
  },
  parseValue: parseInt64,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT) {
      throw new GraphQLError('Int64 must be a decimal string');
    }
    return parseInt64(ast.value);
  },
});

function parseDateTime(value: unknown): string {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value as string)) {
    throw new GraphQLError('DateTime must be an ISO-8601 timestamp');
  }
  return date.toISOString();
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    return parseDateTime(value);
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return parseDateTime(ast.value);
  },
});
