import type { LoginMutation } from './generated/operations';

/** What `login` answers: the bearer token, its expiry and the operator it belongs to. */
export type Session = LoginMutation['login'];

const storageKey = 'cairn.session';

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

/** The bearer token, or null when signed out or the session has expired. */
export function sessionToken(now = Date.now()): string | null {
  const session = readSession();
  if (!session) return null;
  return Date.parse(session.expiresAt) > now ? session.token : null;
}
