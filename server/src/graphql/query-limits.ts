import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
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
