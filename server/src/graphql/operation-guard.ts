import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '@cairn/schema';
import type { DocumentNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { BREAK, GraphQLError, Kind, OperationTypeNode, visit } from 'graphql';
import type { Actor } from '../auth/actor';
import { checkSessionRestriction, requireTenantAccess } from '../auth/policy';
import { AppError, ForbiddenError } from '../errors';
import type { RequestContext } from './context';

/**
 * Checks made once the operation is known and before it runs: a mutation is a write (tenant
 * status decides), a restricted operator session runs only the step it owes, and in production
 * only operators and API keys may introspect the schema.
 */
export function guardOperation(
  actor: Actor,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  production: boolean,
): void {
  requireTenantAccess(actor, operation.operation === OperationTypeNode.MUTATION ? 'write' : 'read');
  checkSessionRestriction(actor, rootFieldsOf(operation.selectionSet, document));
  if (production && !mayIntrospect(actor) && asksIntrospection(document)) {
    throw new ForbiddenError('schema introspection is not available to this credential');
  }
}

/** The fields an operation selects at its root, through fragments and inline fragments. */
function rootFieldsOf(selectionSet: SelectionSetNode, document: DocumentNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return rootFieldsOf(selection.selectionSet, document);
    }
    const fragment = document.definitions.find(
      (definition) =>
        definition.kind === Kind.FRAGMENT_DEFINITION &&
        definition.name.value === selection.name.value,
    );
    // Validation has already refused a spread of a fragment the document does not define.
    return fragment?.kind === Kind.FRAGMENT_DEFINITION
      ? rootFieldsOf(fragment.selectionSet, document)
      : [];
  });
}

const mayIntrospect = (actor: Actor) => actor.kind === 'OPERATOR' || actor.kind === 'API_KEY';

function asksIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * An `AppError` as a GraphQLError that carries its HTTP status (and `Retry-After` when rate
 * limited): Apollo answers errors raised before execution with the status they carry.
 */
export function asHttpGraphQLError(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const headers = new HeaderMap();
  const retryAfter = error.details.retryAfterSeconds;
  if (typeof retryAfter === 'number') headers.set('retry-after', String(retryAfter));
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      code: error.code,
      retryable: error.retryable,
      http: { status: error.httpStatus, headers },
    },
  });
}

/** Runs `guardOperation` for Apollo, and answers 429 + Retry-After when any error was a limit. */
export function operationGuardPlugin(production: boolean): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ contextValue, operation, document }) => {
          try {
            if (operation) guardOperation(contextValue.actor, operation, document, production);
          } catch (error) {
            throw asHttpGraphQLError(error);
          }
          return Promise.resolve();
        },
        willSendResponse: ({ response }) => {
          if (response.body.kind !== 'single') return Promise.resolve();
          const limited = response.body.singleResult.errors?.find(
            (e) => e.extensions?.code === ErrorCode.RateLimited,
          );
          const retryAfter = limited?.extensions?.retryAfterSeconds;
          if (limited) {
            response.http.status = 429;
            if (typeof retryAfter === 'number') {
              response.http.headers.set('retry-after', String(retryAfter));
            }
          }
          return Promise.resolve();
        },
      }),
  };
}
