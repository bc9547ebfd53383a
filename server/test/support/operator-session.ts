import { randomBytes } from 'node:crypto';
import { authenticator } from 'otplib';
import type { OperatorRow } from '../../src/db/entities';
import type { RunningServer } from '../../src/app';

/** One GraphQL call that throws on any error; over plain HTTP or TLS, as the caller needs. */
export type Call = <T>(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) => Promise<T>;

export interface SessionAnswer {
  token: string;
  expiresAt: string;
  refreshToken: string | null;
  refreshExpiresAt: string | null;
  restriction: 'TOTP_ENROLMENT_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED' | null;
  operator: { id: string; email: string; role: OperatorRow['role']; tenantId: string | null };
}

export const sessionFields = `token expiresAt refreshToken refreshExpiresAt restriction
  operator { id email role tenantId }`;

export const loginMutation = `mutation($e: String!, $p: String!, $c: String, $r: String) {
  login(email: $e, password: $p, totpCode: $c, recoveryCode: $r) { ${sessionFields} } }`;

export interface SignedInOperator {
  session: SessionAnswer;
  /** The password it has now: a temporary one was replaced at sign-in. */
  password: string;
  /** Set once the operator enrolled; codes for later sign-ins come from it. */
  totpSecret: string | null;
  /** The time step of the last code sent: the server refuses that step and earlier ones. */
  totpStepUsed: number | null;
  recoveryCodes: string[];
}

export const totpStep = (now = Date.now()) => Math.floor(now / 30_000);

/** The code an authenticator app showed (or will show) during time step `step`. */
export const codeOfStep = (secret: string, step: number) =>
  authenticator.clone({ epoch: step * 30_000 + 1000 }).generate(secret);

/**
 * Waits for the next time step when fewer than `seconds` are left in this one, so a test that
 * reasons about "this step" and "the previous step" does not see the step turn over midway.
 */
export async function atLeastLeftInStep(seconds: number): Promise<number> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 20));
  return totpStep();
}

/** The code an authenticator app shows now, with the time step it belongs to. */
export function currentCode(secret: string) {
  const now = Date.now();
  return { code: authenticator.clone({ epoch: now }).generate(secret), step: totpStep(now) };
}

/**
 * Signs an operator in through the real API the way a person does at first sign-in: a new
 * password when the one they have was given to them, then TOTP enrolment for admins, with
 * otplib computing the code from the secret the server handed out.
 */
export async function signInFirstTime(
  call: Call,
  email: string,
  password: string,
): Promise<SignedInOperator> {
  const { login } = await call<{ login: SessionAnswer }>(loginMutation, { e: email, p: password });
  let signedIn: SignedInOperator = {
    session: login,
    password,
    totpSecret: null,
    totpStepUsed: null,
    recoveryCodes: [],
  };
  if (login.restriction === 'PASSWORD_CHANGE_REQUIRED') {
    const newPassword = `pw-${randomBytes(12).toString('hex')}`;
    const { changePassword } = await call<{ changePassword: SessionAnswer }>(
      `mutation($c: String!, $n: String!) {
         changePassword(currentPassword: $c, newPassword: $n) { ${sessionFields} } }`,
      { c: password, n: newPassword },
      login.token,
    );
    signedIn = { ...signedIn, session: changePassword, password: newPassword };
  }
  if (signedIn.session.restriction === 'TOTP_ENROLMENT_REQUIRED') {
    signedIn = await enrolTotp(call, signedIn);
  }
  return signedIn;
}

async function enrolTotp(call: Call, signedIn: SignedInOperator): Promise<SignedInOperator> {
  const { startTotpEnrolment } = await call<{ startTotpEnrolment: { secret: string } }>(
    'mutation { startTotpEnrolment { secret } }',
    {},
    signedIn.session.token,
  );
  const secret = startTotpEnrolment.secret;
  const { code, step } = currentCode(secret);
  const { confirmTotpEnrolment } = await call<{
    confirmTotpEnrolment: { session: SessionAnswer; recoveryCodes: string[] };
  }>(
    `mutation($c: String!) {
       confirmTotpEnrolment(code: $c) { session { ${sessionFields} } recoveryCodes } }`,
    { c: code },
    signedIn.session.token,
  );
  return {
    ...signedIn,
    session: confirmTotpEnrolment.session,
    totpSecret: secret,
    totpStepUsed: step,
    recoveryCodes: confirmTotpEnrolment.recoveryCodes,
  };
}

/** A new operator of `role`, made on the server directly, then signed in through the API. */
export async function newSignedInOperator(
  server: Pick<RunningServer, 'services'>,
  call: Call,
  role: OperatorRow['role'],
  tenantId: string | null,
): Promise<SignedInOperator & { id: string; email: string }> {
  const email = `op-${randomBytes(6).toString('hex')}@cairn.test`;
  const password = randomBytes(12).toString('hex');
  const operator = await server.services.operators.create({ email, password, role, tenantId });
  return { ...(await signInFirstTime(call, email, password)), id: operator.id, email };
}

/**
 * A code of a time step after `usedStep`, waiting (at most one step, 30 s) for the step to turn
 * over as a person would; answers the code and its step.
 */
export async function codeAfter(secret: string, usedStep: number | null) {
  while (usedStep !== null && totpStep() <= usedStep) {
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 20));
  }
  return currentCode(secret);
}
