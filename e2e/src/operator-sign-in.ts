import { authenticator } from 'otplib';

/** One GraphQL call that throws on any error, over whatever transport the test uses. */
export type Call = <T>(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) => Promise<T>;

export interface AdminSession {
  token: string;
  totpSecret: string;
  /** The TOTP time step last used: the server refuses codes of it and of earlier steps. */
  lastStep: number;
}

const stepMs = 30_000;
export const totpStep = (now = Date.now()) => Math.floor(now / stepMs);

/** The code an authenticator app shows now, and the time step it belongs to. */
export function totpCode(secret: string): { code: string; step: number } {
  const now = Date.now();
  return { code: authenticator.clone({ epoch: now }).generate(secret), step: totpStep(now) };
}

/**
 * A code of a step after `usedStep`, waiting (at most one step) for the step to turn as a
 * person at an authenticator app would: the server refuses a step twice.
 */
export async function freshTotpCode(secret: string, usedStep: number | null) {
  while (usedStep !== null && totpStep() <= usedStep) {
    await new Promise((resolve) => setTimeout(resolve, stepMs - (Date.now() % stepMs) + 20));
  }
  return totpCode(secret);
}

/**
 * An admin's first sign-in through the API, as the server requires it: the password answers
 * a session that may only enrol TOTP, and confirming a code from the secret answers a full one.
 */
export async function enrolAdmin(call: Call, email: string, password: string) {
  const { login } = await call<{ login: { token: string; restriction: string | null } }>(
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token restriction } }',
    { e: email, p: password },
  );
  if (login.restriction !== 'TOTP_ENROLMENT_REQUIRED') {
    throw new Error(`expected a session restricted to enrolment, got ${login.restriction}`);
  }
  const { startTotpEnrolment } = await call<{ startTotpEnrolment: { secret: string } }>(
    'mutation { startTotpEnrolment { secret } }',
    {},
    login.token,
  );
  const totpSecret = startTotpEnrolment.secret;
  const { code, step } = totpCode(totpSecret);
  const { confirmTotpEnrolment } = await call<{
    confirmTotpEnrolment: { session: { token: string } };
  }>(
    'mutation($c: String!) { confirmTotpEnrolment(code: $c) { session { token } } }',
    { c: code },
    login.token,
  );
  const session: AdminSession = {
    token: confirmTotpEnrolment.session.token,
    totpSecret,
    lastStep: step,
  };
  return session;
}
