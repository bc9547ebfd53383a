import type { OperatorRow } from '../../src/db/entities';
import type { TestServer } from './server';
import { callOf, gql, gqlOk } from './api';
import { newSignedInOperator } from './operator-session';

export const outcomeFields = `fileId error { code message }
  file { id path trashedAt versionCount head { id size contentHash deleted } }`;

export interface FileOutcome {
  fileId: string;
  error: { code: string; message: string } | null;
  file: {
    id: string;
    path: string;
    trashedAt: string | null;
    versionCount: number;
    head: { id: string; size: string; contentHash: string; deleted: boolean } | null;
  } | null;
}

export function deleteFiles(
  url: string,
  token: string,
  inputs: { fileId: string; ifHeadVersionId?: string }[],
) {
  return gql<{ deleteFiles: FileOutcome[] }>(
    url,
    `mutation($i: [DeleteFileInput!]!) { deleteFiles(inputs: $i) { ${outcomeFields} } }`,
    { i: inputs },
    token,
  );
}

export function restoreFiles(url: string, token: string, fileIds: string[]) {
  return gql<{ restoreFiles: FileOutcome[] }>(
    url,
    `mutation($i: [ID!]!) { restoreFiles(fileIds: $i) { ${outcomeFields} } }`,
    { i: fileIds },
    token,
  );
}

export function emptyTrash(
  url: string,
  token: string,
  args: { userId?: string; fileIds?: string[] },
) {
  return gql<{
    emptyTrash: { filesPurged: number; versionsPurged: number; bytesReleased: string };
  }>(
    url,
    `mutation($u: ID, $f: [ID!]) {
       emptyTrash(userId: $u, fileIds: $f) { filesPurged versionsPurged bytesReleased } }`,
    { u: args.userId, f: args.fileIds },
    token,
  );
}

export async function trashPaths(url: string, token: string, userId?: string) {
  const data = await gqlOk<{ trash: { total: number; items: { path: string }[] } }>(
    url,
    'query($u: ID) { trash(userId: $u) { total items { path } } }',
    { u: userId },
    token,
  );
  return data.trash.items.map((f) => f.path);
}

export async function livePaths(url: string, token: string) {
  const data = await gqlOk<{ files: { items: { path: string }[] } }>(
    url,
    '{ files { items { path } } }',
    {},
    token,
  );
  return data.files.items.map((f) => f.path);
}

/** An operator of `tenantId` with `role`, signed in (admins enrolled in TOTP). */
export async function operatorToken(
  server: TestServer,
  tenantId: string,
  role: OperatorRow['role'],
): Promise<string> {
  const operator = await newSignedInOperator(server, callOf(server.url), role, tenantId);
  return operator.session.token;
}
