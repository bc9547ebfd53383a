import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

import { RefreshSessionDocument } from './generated/operations';
import { readSession, saveSession } from './session';

/**
 * Renews the access token with the refresh token, at most once at a time across every tab of
 * the console: refresh tokens are single-use, and the server ends the whole session when one
 * is presented twice, so two tabs (or two calls) racing to renew would sign the operator out.
 */
export function createSessionRenewal(uri: string) {
  // A client of its own, with no bearer and no retry links, so renewing cannot recurse.
  const bare = new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache(),
    defaultOptions: { mutate: { fetchPolicy: 'no-cache' } },
  });

  const renewUnderLock = async (staleToken: string | null): Promise<string | null> => {
    const session = readSession();
    if (!session) return null;
    // Someone else renewed while this call waited for the lock: use what they got.
    if (session.token !== staleToken && Date.parse(session.expiresAt) > Date.now()) {
      return session.token;
    }
    const { refreshToken, refreshExpiresAt } = session;
    if (!refreshToken || !refreshExpiresAt || Date.parse(refreshExpiresAt) <= Date.now()) {
      return null;
    }
    try {
      const { data } = await bare.mutate({
        mutation: RefreshSessionDocument,
        variables: { refreshToken },
      });
      if (!data) return null;
      saveSession(data.refreshSession);
      return data.refreshSession.token;
    } catch {
      // The caller retries with what it had and reports the server's own refusal.
      return null;
    }
  };

  // The Web Locks API (every current browser) keeps tabs from renewing at the same time.
  const underLock = (staleToken: string | null): Promise<string | null> =>
    typeof navigator !== 'undefined' && 'locks' in navigator
      ? // lib.dom types the answer as a promise of the callback's promise; it is flattened.
        (navigator.locks.request('cairn.session-renewal', () =>
          renewUnderLock(staleToken),
        ) as unknown as Promise<string | null>)
      : renewUnderLock(staleToken);

  let inFlight: Promise<string | null> | null = null;

  /** A fresh access token in place of `staleToken`, or null when the session cannot renew. */
  return function renew(staleToken: string | null): Promise<string | null> {
    const renewal =
      inFlight ??
      underLock(staleToken).finally(() => {
        inFlight = null;
      });
    inFlight = renewal;
    return renewal;
  };
}
