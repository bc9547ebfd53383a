import { HttpError } from 'react-admin';

import type { ConsoleClient } from '../apollo-client';
import type { FileOutcomeFieldsFragment } from '../generated/operations';
import {
  DeleteFilesDocument,
  EmptyTrashDocument,
  RestoreFilesDocument,
} from '../generated/operations';

export type FileAction = 'trash' | 'restore';

/** Moves one file to trash or back; the item's own error (e.g. CONFLICT) becomes the message. */
export async function fileAction(client: ConsoleClient, action: FileAction, fileId: string) {
  const outcome =
    action === 'trash'
      ? (
          await client.mutate({
            mutation: DeleteFilesDocument,
            variables: { inputs: [{ fileId }] },
          })
        ).data?.deleteFiles[0]
      : (await client.mutate({ mutation: RestoreFilesDocument, variables: { fileIds: [fileId] } }))
          .data?.restoreFiles[0];
  return fileOf(outcome);
}

export async function emptyTrash(client: ConsoleClient, userId: string) {
  const result = await client.mutate({ mutation: EmptyTrashDocument, variables: { userId } });
  if (!result.data) throw new HttpError('The server answered no data', 500);
  return result.data.emptyTrash;
}

function fileOf(outcome: FileOutcomeFieldsFragment | undefined) {
  if (outcome?.error) {
    const status = outcome.error.code === 'CONFLICT' ? 409 : 400;
    throw new HttpError(outcome.error.message, status, { code: outcome.error.code });
  }
  if (!outcome?.file) throw new HttpError('The server answered no file', 500);
  return outcome.file;
}
