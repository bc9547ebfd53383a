import { randomUUID } from 'node:crypto';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions, ValidationRule } from 'graphql';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { AppError, BadInputError, QueryTooComplexError } from '../errors';
import type { RequestContext } from './context';
import type { GuardOptions } from './operation-guard';
import { guardOperation } from './operation-guard';
import { isTokenLimitError, tokenLimitMessageOf } from './query-limits';

interface Deps {
  schema: GraphQLSchema;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  guard: GuardOptions;
  formatAll: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  contextFor: (auth: string | undefined, requestId: string, ip: string) => Promise<RequestContext>;
}

/**
 * graphql-ws runs each operation through the same gates as HTTP: size limits, authentication,
 * tenant status, budgets and the operation guard. Every refusal goes back as a typed error on
 * that operation, never as a dropped socket.
 */
export function graphqlOverWebSocket(deps: Deps): ServerOptions<Record<string, unknown>, Extra> {
  return {
    schema: deps.schema,
    onSubscribe: async (ctx, _id, payload) => {
      try {
        const document = parseQuery(payload.query, deps.parseOptions);
        const rules = [...specifiedRules, ...deps.validationRules];
        const invalid = validate(deps.schema, document, rules);
        if (invalid.length > 0) return invalid.map(asBadInput);
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) throw new BadInputError('the document names no operation to run');

        const auth = ctx.connectionParams?.authorization;
        const ip = ctx.extra.request.socket.remoteAddress ?? 'unknown';
        const contextValue = await deps.contextFor(
          typeof auth === 'string' ? auth : undefined,
          randomUUID(),
          ip,
        );
        guardOperation(contextValue.actor, operation, document, deps.guard);
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      } catch (error) {
        return [
          new GraphQLError(error instanceof Error ? error.message : 'refused', {
            originalError: error instanceof Error ? error : undefined,
          }),
        ];
      }
    },
    onError: (_ctx, _id, _payload, errors) => deps.formatAll(errors),
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: deps.formatAll(result.errors) } : undefined,
  };
}

function parseQuery(query: string, options: ParseOptions) {
  try {
    return parse(query, options);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw isTokenLimitError(error)
      ? new QueryTooComplexError(tokenLimitMessageOf(error))
      : new BadInputError(error.message);
  }
}

/** Schema validation failures are the caller's; our limit rules already carry their own code. */
function asBadInput(error: GraphQLError): GraphQLError {
  if (error.originalError instanceof AppError) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: new BadInputError(error.message),
  });
}
