import { ErrorCode } from '@cairn/schema';
import type { AuthProvider } from 'react-admin';

import type { ConsoleClient } from './apollo-client';
import { errorCode, toHttpError } from './api-error';
import { LoginDocument } from './generated/operations';
import { clearSession, readSession, saveSession, sessionToken } from './session';

interface Credentials {
  email?: string;
  password?: string;
}

/** Operator sign-in with email and password; the session token lives in localStorage. */
export function createAuthProvider(client: ConsoleClient): AuthProvider {
  return {
    async login({ email = '', password = '' }: Credentials) {
      try {
        const { data } = await client.mutate({
          mutation: LoginDocument,
          variables: { email, password },
        });
        if (!data) throw new Error('The server answered no session');
        saveSession(data.login);
      } catch (error) {
        throw toHttpError(error);
      }
    },

    async logout() {
      clearSession();
      await client.clearStore();
    },

    checkAuth() {
      return sessionToken() ? Promise.resolve() : Promise.reject(new Error('Signed out'));
    },

    // Only a refused credential signs out; a FORBIDDEN page is an answer, not a lost session.
    checkError(error: unknown) {
      if (errorCode(error) !== ErrorCode.Unauthenticated) return Promise.resolve();
      clearSession();
      return Promise.reject(new Error('Your session has ended; please sign in again'));
    },

    getIdentity() {
      const session = readSession();
      if (!session) return Promise.reject(new Error('Signed out'));
      const { operator } = session;
      return Promise.resolve({ id: operator.id, fullName: operator.email });
    },

    getPermissions() {
      return Promise.resolve(readSession()?.operator.role);
    },
  };
}
