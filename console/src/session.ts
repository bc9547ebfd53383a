import type { SessionFieldsFragment, SessionRestriction } from './generated/operations';

/**
 * What `login`, `refreshSession`, `confirmTotpEnrolment` and `changePassword` answer: the
 * bearer token, the refresh token that renews it, and the operator it belongs to.
 */
export type Session = SessionFieldsFragment;

const storageKey = 'cairn.session';

/** Where the console sends a restricted session: the one step the server lets it take. */
export const restrictionPaths: Record<SessionRestriction, string> = {
  TOTP_ENROLMENT_REQUIRED: '/enrol-totp',
  PASSWORD_CHANGE_REQUIRED: '/change-password',
};

export function readSession(): Session | null {
  const stored = localStorage.getItem(storageKey);
  if (!stored) return null;
  try {
    return JSON.parse(stored) as Session;
  } catch {
    // A value from an older console build: treat it as signed out.
    localStorage.removeItem(storageKey);
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(storageKey, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(storageKey);
}

const isLive = (expiresAt: string | null, now: number) =>
  expiresAt !== null && Date.parse(expiresAt) > now;

/** The bearer token, or null when signed out or the access token has expired. */
export function sessionToken(now = Date.now()): string | null {
  const session = readSession();
  return session && isLive(session.expiresAt, now) ? session.token : null;
}

/** Whether there is a session that works now or can be renewed without signing in again. */
export function hasSession(now = Date.now()): boolean {
  const session = readSession();
  if (!session) return false;
  return isLive(session.expiresAt, now) || isLive(session.refreshExpiresAt, now);
}
