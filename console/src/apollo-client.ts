import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';

import { sessionToken } from './session';

export type ConsoleClient = ApolloClient<object>;

/** One client for the console. The API is same-origin; the token is read per request. */
export function createApolloClient(uri = '/graphql'): ConsoleClient {
  const withBearer = setContext((_operation, { headers }: { headers?: Record<string, string> }) => {
    const token = sessionToken();
    return { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });

  return new ApolloClient({
    link: from([withBearer, new HttpLink({ uri })]),
    cache: new InMemoryCache(),
    devtools: { enabled: import.meta.env.DEV },
    // react-admin keeps its own query cache; a second one here would only serve stale pages.
    defaultOptions: {
      query: { fetchPolicy: 'no-cache' },
      watchQuery: { fetchPolicy: 'no-cache' },
    },
  });
}
