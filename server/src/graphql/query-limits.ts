import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type express from 'express';
import type { GraphQLFormattedError, ValidationContext, ValidationRule } from 'graphql';
import { GraphQLError } from 'graphql';
import type { GraphqlLimits } from '../config';
import { QueryTooComplexError } from '../errors';

/**
 * Validation rules that refuse an operation too deep, too aliased or too costly before any
 * resolver runs. The rules report a GraphQLError whose original error is ours, so the one error
 * formatter answers `QUERY_TOO_COMPLEX` whatever wrapper Apollo or graphql-ws puts around it.
 */
export function queryLimitRules(limits: GraphqlLimits): ValidationRule[] {
  const onReject = [
    (context: ValidationContext | null, error: GraphQLError) => {
      const message = error.message.replace(/^Syntax Error: /, '');
      const refusal = new QueryTooComplexError(message);
      context?.reportError(new GraphQLError(message, { originalError: refusal }));
    },
  ];
  const common = { onReject, propagateOnRejection: false, exposeLimits: true };
  return [
    maxDepthRule({ ...common, n: limits.maxDepth }),
    maxAliasesRule({ ...common, n: limits.maxAliases }),
    costLimitRule({ ...common, maxCost: limits.maxCost }),
  ];
}

// graphql-js 16 spells it "more that"; accept the corrected spelling too.
const tokenLimitMessage = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/** graphql-js aborts parsing past `maxTokens`; that is a size refusal too. */
export function isTokenLimitError(error: GraphQLFormattedError): boolean {
  return tokenLimitMessage.test(error.message);
}

/** Our wording for it: the graphql-js one has a typo and says nothing of the limit's purpose. */
export function tokenLimitMessageOf(error: GraphQLFormattedError): string {
  const limit = tokenLimitMessage.exec(error.message)?.[1] ?? '?';
  return `Document contains more than ${limit} tokens; parsing aborted.`;
}

/**
 * Brackets a document may nest (selections, arguments, lists, input objects). graphql-js parses
 * and validates recursively, so a few thousand levels, well under the token limit, overflow the
 * stack; this is counted on the raw text before anything parses it.
 */
export const maxNesting = 64;

export function checkNesting(source: string): void {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      i = endOfString(source, i);
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > maxNesting) {
        throw new QueryTooComplexError(`the document nests deeper than ${maxNesting} brackets`);
      }
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
}

/** The index of the quote that closes the string (or block string) opening at `start`. */
function endOfString(source: string, start: number): number {
  if (source.startsWith('"""', start)) {
    const end = source.indexOf('"""', start + 3);
    return end < 0 ? source.length : end + 2;
  }
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '"' || source[i] === '\n') return i;
  }
  return source.length;
}

/** Refuses an over-nested document over HTTP before Apollo (or the audit) parses it. */
export function nestingGuard(): express.RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown } | undefined;
    const sources = [body?.query, req.query.query].filter(
      (q): q is string => typeof q === 'string',
    );
    try {
      for (const source of sources) checkNesting(source);
    } catch (error) {
      if (!(error instanceof QueryTooComplexError)) throw error;
      const extensions = { code: error.code, retryable: false };
      res.status(error.httpStatus).json({ errors: [{ message: error.message, extensions }] });
      return;
    }
    next();
  };
}
