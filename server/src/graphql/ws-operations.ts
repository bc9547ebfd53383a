import { randomUUID } from 'node:crypto';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type {
  DocumentNode,
  GraphQLFormattedError,
  GraphQLSchema,
  ParseOptions,
  ValidationRule,
} from 'graphql';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { anonymous } from '../auth/actor';
import type { CallerMeta } from '../audit/audit-event';
import { callerOf } from '../audit/audited-mutations';
import type { RefusalRecorder } from '../audit/audit-refusals';
import { codeOf } from '../audit/audit-refusals';
import { outcomeOfError } from '../audit/outcome';
import { AppError, BadInputError, QueryTooComplexError } from '../errors';
import type { RequestContext } from './context';
import type { GuardOptions } from './operation-guard';
import { guardOperation } from './operation-guard';
import { checkNesting, isTokenLimitError, tokenLimitMessageOf } from './query-limits';

interface Deps {
  schema: GraphQLSchema;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  guard: GuardOptions;
  formatAll: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  contextFor: (
    auth: string | undefined,
    requestId: string,
    ip: string,
    userAgent: string | null,
  ) => Promise<RequestContext>;
  recordRefusal: RefusalRecorder;
}

/**
 * graphql-ws runs each operation through the same gates as HTTP: size limits, authentication,
 * tenant status, budgets and the operation guard. Every refusal goes back as a typed error on
 * that operation, never as a dropped socket; a refused mutation is audited as over HTTP.
 */
export function graphqlOverWebSocket(deps: Deps): ServerOptions<Record<string, unknown>, Extra> {
  return {
    schema: deps.schema,
    onSubscribe: async (ctx, _id, payload) => {
      const { request } = ctx.extra;
      let caller: CallerMeta = {
        actor: anonymous,
        requestId: randomUUID(),
        clientIp: request.socket.remoteAddress ?? 'unknown',
        userAgent: request.headers['user-agent'] ?? null,
      };
      let document: DocumentNode | null = null;
      const refused = async (failedWith: string) => {
        if (!document) return;
        const { operationName, variables } = payload;
        await deps.recordRefusal({ document, operationName, variables }, failedWith, caller);
      };
      try {
        document = parseQuery(payload.query, deps.parseOptions);
        const rules = [...specifiedRules, ...deps.validationRules];
        const invalid = validate(deps.schema, document, rules).map(asBadInput);
        if (invalid.length > 0) {
          await refused(outcomeOfError(invalid[0]));
          return invalid;
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) throw new BadInputError('the document names no operation to run');

        const auth = ctx.connectionParams?.authorization;
        const contextValue = await deps.contextFor(
          typeof auth === 'string' ? auth : undefined,
          caller.requestId ?? randomUUID(),
          caller.clientIp ?? 'unknown',
          caller.userAgent,
        );
        caller = callerOf(contextValue);
        guardOperation(contextValue.actor, operation, document, deps.guard);
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      } catch (error) {
        await refused(outcomeOfError(error));
        return [
          new GraphQLError(error instanceof Error ? error.message : 'refused', {
            originalError: error instanceof Error ? error : undefined,
          }),
        ];
      }
    },
    onError: (_ctx, _id, _payload, errors) => deps.formatAll(errors),
    onNext: async (_ctx, _id, payload, args, result) => {
      if (!result.errors) return undefined;
      const errors = deps.formatAll(result.errors);
      // A result without data never ran a field: its variables did not coerce.
      if (result.data === undefined && errors[0]) {
        const { operationName, variables } = payload;
        await deps.recordRefusal(
          { document: args.document, operationName, variables },
          codeOf(errors[0]),
          callerOf(args.contextValue as RequestContext),
        );
      }
      return { ...result, errors };
    },
  };
}

function parseQuery(query: string, options: ParseOptions) {
  checkNesting(query);
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
