import type { ConsoleClient } from '../apollo-client';
import { toHttpError } from '../api-error';
import type { StartTotpEnrolmentMutation } from '../generated/operations';
import {
  ChangePasswordDocument,
  ConfirmTotpEnrolmentDocument,
  StartTotpEnrolmentDocument,
} from '../generated/operations';
import type { Session } from '../session';
import { saveSession } from '../session';

export type TotpEnrolment = StartTotpEnrolmentMutation['startTotpEnrolment'];

async function answered<T>(request: () => Promise<{ data?: T | null }>): Promise<T> {
  try {
    const { data } = await request();
    if (!data) throw new Error('The server answered no data');
    return data;
  } catch (error) {
    throw toHttpError(error);
  }
}

/** A new TOTP secret for the signed-in operator; asking again replaces it. */
export async function startTotpEnrolment(client: ConsoleClient): Promise<TotpEnrolment> {
  const data = await answered(() => client.mutate({ mutation: StartTotpEnrolmentDocument }));
  return data.startTotpEnrolment;
}

/** Confirms enrolment; the full session replaces the restricted one at once. */
export async function confirmTotpEnrolment(
  client: ConsoleClient,
  code: string,
): Promise<{ session: Session; recoveryCodes: string[] }> {
  const data = await answered(() =>
    client.mutate({ mutation: ConfirmTotpEnrolmentDocument, variables: { code: code.trim() } }),
  );
  saveSession(data.confirmTotpEnrolment.session);
  return data.confirmTotpEnrolment;
}

/** Sets a new password; the server answers a new session for this tab and ends the others. */
export async function changePassword(
  client: ConsoleClient,
  currentPassword: string,
  newPassword: string,
): Promise<Session> {
  const data = await answered(() =>
    client.mutate({
      mutation: ChangePasswordDocument,
      variables: { currentPassword, newPassword },
    }),
  );
  saveSession(data.changePassword);
  return data.changePassword;
}
