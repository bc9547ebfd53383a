import { ErrorCode } from '@cairn/schema';
import type { AuthProvider } from 'react-admin';

import type { ConsoleClient } from './apollo-client';
import { errorCode, toHttpError } from './api-error';
import { LoginDocument, LogoutDocument } from './generated/operations';
import type { Session } from './session';
import { clearSession, hasSession, readSession, restrictionPaths, saveSession } from './session';

/** What the sign-in page sends: the password first, then a TOTP or recovery code if asked. */
export interface Credentials {
  email?: string;
  password?: string;
  totpCode?: string;
  recoveryCode?: string;
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** Where react-admin goes once a session is saved: a restricted one to its one allowed step. */
export function afterSignIn(session: Session): { redirectTo: string } | undefined {
  return session.restriction ? { redirectTo: restrictionPaths[session.restriction] } : undefined;
}

/** Operator sign-in with email, password and TOTP; the session lives in localStorage. */
export function createAuthProvider(client: ConsoleClient): AuthProvider {
  return {
    async login({ email = '', password = '', totpCode, recoveryCode }: Credentials) {
      // A session left from before must not ride along as the bearer of the sign-in call.
      clearSession();
      try {
        const { data } = await client.mutate({
          mutation: LoginDocument,
          variables: {
            email,
            password,
            totpCode: blankToNull(totpCode),
            recoveryCode: blankToNull(recoveryCode),
          },
        });
        if (!data) throw new Error('The server answered no session');
        saveSession(data.login);
        return afterSignIn(data.login);
      } catch (error) {
        throw toHttpError(error);
      }
    },

    // The server revokes the session, so its tokens stop working everywhere, not just here.
    async logout() {
      if (readSession()) {
        await client.mutate({ mutation: LogoutDocument }).catch(() => {
          // Already ended (expired, revoked, or the server refused it): nothing left to revoke.
        });
      }
      clearSession();
      await client.clearStore();
    },

    checkAuth() {
      return hasSession() ? Promise.resolve() : Promise.reject(new Error('Signed out'));
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
