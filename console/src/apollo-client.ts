import type { ServerError } from '@apollo/client';
import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { onError } from '@apollo/client/link/error';
import { fromPromise } from '@apollo/client/link/utils';
import { ErrorCode } from '@cairn/schema';
import type { GraphQLFormattedError } from 'graphql';

import { sessionToken } from './session';
import { createSessionRenewal } from './session-renewal';

export type ConsoleClient = ApolloClient<object>;

/** Renew this long before the access token expires, so a call in flight does not outlive it. */
const renewAheadMs = 30_000;

interface BearerContext {
  headers?: Record<string, string>;
  /** The access token this call was sent with. */
  bearer?: string;
  /** Set once the call was retried with a renewed token: it is not retried twice. */
  renewed?: boolean;
}

function refusedCredential(
  graphQLErrors: readonly GraphQLFormattedError[] | undefined,
  networkError: Error | ServerError | null | undefined,
): boolean {
  const refused = (errors: readonly GraphQLFormattedError[] | undefined) =>
    errors?.some((error) => error.extensions?.code === ErrorCode.Unauthenticated) ?? false;
  if (refused(graphQLErrors)) return true;
  // The server answers a refused credential with HTTP 401, which Apollo reports as this.
  const server = networkError as Partial<ServerError> | null | undefined;
  const body = server?.result as { errors?: GraphQLFormattedError[] } | undefined;
  return server?.statusCode === 401 || refused(body?.errors);
}

/**
 * One client for the console. The API is same-origin; the access token is read per request,
 * renewed with the refresh token shortly before it expires, and renewed once more when the
 * server refuses it anyway (the browser's clock behind the server's, say). A revoked session
 * cannot renew: its refresh token is refused too, and the caller sees UNAUTHENTICATED.
 */
export function createApolloClient(uri = '/graphql'): ConsoleClient {
  const renew = createSessionRenewal(uri);

  const withBearer = setContext(async (_operation, { headers }: BearerContext) => {
    const bearer =
      sessionToken(Date.now() + renewAheadMs) ?? (await renew(sessionToken())) ?? sessionToken();
    return {
      bearer,
      headers: { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    };
  });

  const retryRenewed = onError(({ graphQLErrors, networkError, operation, forward }) => {
    const context = operation.getContext() as BearerContext;
    if (context.renewed || !context.bearer || !refusedCredential(graphQLErrors, networkError)) {
      return;
    }
    // The retry goes through withBearer again, which sends the renewed token; without one it
    // sends the call as it was, so its caller sees the server's own refusal.
    return fromPromise(renew(context.bearer)).flatMap(() => {
      operation.setContext({ renewed: true });
      return forward(operation);
    });
  });

  return new ApolloClient({
    link: from([retryRenewed, withBearer, new HttpLink({ uri })]),
    cache: new InMemoryCache(),
    devtools: { enabled: import.meta.env.DEV },
    // react-admin keeps its own query cache; a second one here would only serve stale pages.
    defaultOptions: {
      query: { fetchPolicy: 'no-cache' },
      watchQuery: { fetchPolicy: 'no-cache' },
    },
  });
}
