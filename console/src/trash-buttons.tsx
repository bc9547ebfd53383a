import { useState } from 'react';
import type { MouseEvent } from 'react';
import {
  Button,
  Confirm,
  useDataProvider,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
} from 'react-admin';

import type { CairnDataProvider } from './data-provider';

interface FileRecord {
  id: string;
  path?: string;
  trashedAt?: string | null;
}

/** Runs one data provider call with a notification and a refresh; null for viewers. */
function useTrashCall() {
  const { permissions } = usePermissions<string | undefined>();
  const dataProvider = useDataProvider<CairnDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState(false);
  if (permissions === 'TENANT_VIEWER') return null;

  const run = async (work: (provider: CairnDataProvider) => Promise<unknown>, done: string) => {
    setPending(true);
    try {
      await work(dataProvider);
      notify(done, { type: 'info' });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The server refused', { type: 'error' });
    } finally {
      setPending(false);
    }
  };
  return { run, pending };
}

const stopRowClick = (event: MouseEvent) => event.stopPropagation();

/** "Move to trash" for a live file (after a confirmation), "Restore" for a trashed one. */
export function FileTrashButton() {
  const file = useRecordContext<FileRecord>();
  const call = useTrashCall();
  const [open, setOpen] = useState(false);
  if (!file || !call) return null;

  if (file.trashedAt) {
    const restore = () =>
      call.run((p) => p.fileAction('restore', file.id), `${file.path ?? 'File'} restored`);
    return (
      <span onClick={stopRowClick}>
        <Button label="Restore" onClick={() => void restore()} disabled={call.pending} />
      </span>
    );
  }
  const trash = async () => {
    await call.run((p) => p.fileAction('trash', file.id), `${file.path ?? 'File'} moved to trash`);
    setOpen(false);
  };
  return (
    <span onClick={stopRowClick}>
      <Button label="Move to trash" color="error" onClick={() => setOpen(true)} />
      <Confirm
        isOpen={open}
        loading={call.pending}
        title={`Move ${file.path ?? 'this file'} to trash?`}
        content="It leaves the library and its devices' restores; every version stays restorable from the user's trash until it is emptied."
        confirm="Move to trash"
        confirmColor="warning"
        onConfirm={() => void trash()}
        onClose={() => setOpen(false)}
      />
    </span>
  );
}

/** Permanently deletes the user's whole trash, after a confirmation. */
export function EmptyTrashButton() {
  const user = useRecordContext<{ id: string; externalId?: string }>();
  const call = useTrashCall();
  const [open, setOpen] = useState(false);
  if (!user || !call) return null;

  const empty = async () => {
    await call.run((p) => p.emptyTrash(user.id), 'Trash emptied');
    setOpen(false);
  };
  return (
    <>
      <Button label="Empty trash" color="error" onClick={() => setOpen(true)} />
      <Confirm
        isOpen={open}
        loading={call.pending}
        title={`Empty ${user.externalId ?? 'this user'}'s trash?`}
        content="Every file in trash and all its versions are deleted for good. This cannot be undone."
        confirm="Empty trash"
        confirmColor="warning"
        onConfirm={() => void empty()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
