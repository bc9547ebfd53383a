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
import type { RevocableResource } from './data/writers';

interface RevokeButtonProps {
  resource: RevocableResource;
  /** What the confirmation calls the record, e.g. "API key". */
  noun: string;
}

/** Revokes the record in context after a confirmation; hidden once revoked or for viewers. */
export function RevokeButton({ resource, noun }: RevokeButtonProps) {
  const record = useRecordContext<{ id: string; name?: string; revokedAt?: string | null }>();
  const { permissions } = usePermissions<string | undefined>();
  const dataProvider = useDataProvider<CairnDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  if (!record || record.revokedAt || permissions === 'TENANT_VIEWER') return null;

  const stopRowClick = (event: MouseEvent) => event.stopPropagation();
  const revoke = async () => {
    setPending(true);
    try {
      await dataProvider.revoke(resource, record.id);
      notify(`${noun} revoked`, { type: 'info' });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : `Could not revoke the ${noun}`, {
        type: 'error',
      });
    } finally {
      setPending(false);
      setOpen(false);
    }
  };

  return (
    <span onClick={stopRowClick}>
      <Button label="Revoke" color="error" onClick={() => setOpen(true)} disabled={pending} />
      <Confirm
        isOpen={open}
        loading={pending}
        title={`Revoke ${noun} ${record.name ?? ''}?`}
        content={`Anything using this ${noun} is refused from now on. This cannot be undone.`}
        confirm="Revoke"
        confirmColor="warning"
        onConfirm={() => void revoke()}
        onClose={() => setOpen(false)}
      />
    </span>
  );
}
