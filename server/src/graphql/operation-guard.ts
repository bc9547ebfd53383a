import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '@cairn/schema';
import type { DocumentNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { BREAK, GraphQLError, Kind, OperationTypeNode, visit } from 'graphql';
import type { Actor } from '../auth/actor';
import { checkSessionRestriction, requireApiKeyScopes, requireTenantAccess } from '../auth/policy';
import { AppError, ForbiddenError, OperationNotAllowedError } from '../errors';
import type { RequestContext } from './context';
import type { OperationAllowList } from './operation-allowlist';

export interface GuardOptions {
  production: boolean;
  /** When set, device and end-user credentials may run only these operations. */
  allowList: OperationAllowList | null;
}

/**
 * Checks made once the operation is known and before it runs: a mutation is a write (tenant
 * status decides), a restricted operator session runs only the step it owes, an API key holds the
 * scope of every root field asked for, in production only operators and API keys may introspect
 * the schema, and an app's credentials may be held to an allow-list of the operations its SDK
 * sends.
 */
export function guardOperation(
  actor: Actor,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  options: GuardOptions,
): void {
  requireTenantAccess(actor, operation.operation === OperationTypeNode.MUTATION ? 'write' : 'read');
  const rootFields = rootFieldsOf(operation.selectionSet, document);
  checkSessionRestriction(actor, [...rootFields]);
  requireApiKeyScopes(actor, operation.operation, rootFields);
  if (options.production && !mayIntrospect(actor) && asksIntrospection(document)) {
    throw new ForbiddenError('schema introspection is not available to this credential');
  }
  if (options.allowList && isAppCredential(actor) && !options.allowList.allows(document)) {
    throw new OperationNotAllowedError();
  }
}

/** The root fields an operation runs, fragments followed; aliases do not hide a field's name. */
export function rootFieldsOf(selectionSet: SelectionSetNode, document: DocumentNode): Set<string> {
  const fields = new Set<string>();
  const seenFragments = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        const fragment = document.definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
        );
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) collect(fragment.selectionSet);
      }
    }
  };
  collect(selectionSet);
  return fields;
}

const mayIntrospect = (actor: Actor) => actor.kind === 'OPERATOR' || actor.kind === 'API_KEY';

/**
 * Devices and end users run what the app's SDK sends; operators, integrators and sign-in calls
 * (anonymous) write their own, so the allow-list does not bind them.
 */
const isAppCredential = (actor: Actor) => actor.kind === 'DEVICE' || actor.kind === 'USER';

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
export function operationGuardPlugin(options: GuardOptions): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ contextValue, operation, document }) => {
          try {
            if (operation) guardOperation(contextValue.actor, operation, document, options);
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
