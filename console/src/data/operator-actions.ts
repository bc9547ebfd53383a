import type { RaRecord } from 'react-admin';
import { HttpError } from 'react-admin';

import type { ConsoleClient } from '../apollo-client';
import type { OperatorRole } from '../generated/operations';
import {
  CreateOperatorDocument,
  DeleteOperatorDocument,
  DisableOperatorDocument,
  EnableOperatorDocument,
  ResetOperatorPasswordDocument,
} from '../generated/operations';
import type { Filter } from './readers';
import { text } from './readers';

const roles: readonly OperatorRole[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'TENANT_VIEWER'];

function answered<T>(data: T | null | undefined): T {
  if (!data) throw new HttpError('The server answered no data', 500);
  return data;
}

/** A new operator, with its temporary password: shown once, the server keeps only a hash. */
export async function createOperator(client: ConsoleClient, data: Filter): Promise<RaRecord> {
  const email = text(data, 'email');
  const role = roles.find((value) => value === data.role);
  if (!email || !role) {
    throw new HttpError('email and role are required', 400, { code: 'BAD_USER_INPUT' });
  }
  // A platform admin belongs to no tenant, whatever the form still holds.
  const tenantId = role === 'PLATFORM_ADMIN' ? null : (text(data, 'tenantId') ?? null);
  const result = await client.mutate({
    mutation: CreateOperatorDocument,
    variables: { input: { email, role, tenantId } },
  });
  const { operator, temporaryPassword } = answered(result.data).createOperator;
  return { ...operator, temporaryPassword };
}

/** A disabled operator cannot sign in, and the sessions it had end at once. */
export async function setOperatorEnabled(
  client: ConsoleClient,
  id: string,
  enabled: boolean,
): Promise<RaRecord> {
  if (enabled) {
    const result = await client.mutate({ mutation: EnableOperatorDocument, variables: { id } });
    return answered(result.data).enableOperator;
  }
  const result = await client.mutate({ mutation: DisableOperatorDocument, variables: { id } });
  return answered(result.data).disableOperator;
}

export async function deleteOperator(client: ConsoleClient, id: string): Promise<string> {
  const result = await client.mutate({ mutation: DeleteOperatorDocument, variables: { id } });
  return answered(result.data).deleteOperator;
}

/**
 * A new temporary password for the operator (platform admins only): their sessions end, a
 * lockout is lifted, and they choose a new password at next sign-in. The answer is the only
 * place the password exists in clear.
 */
export async function resetOperatorPassword(
  client: ConsoleClient,
  id: string,
  resetTotp: boolean,
): Promise<string> {
  const result = await client.mutate({
    mutation: ResetOperatorPasswordDocument,
    variables: { id, resetTotp },
  });
  return answered(result.data).resetOperatorPassword.temporaryPassword;
}
