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
  /** The button's word, "Revoke" unless the record is removed instead. */
  verb?: string;
  /** What the confirmation says happens next. */
  consequence?: string;
}

/** Revokes the record in context after a confirmation; hidden once revoked or for viewers. */
export function RevokeButton({ resource, noun, verb = 'Revoke', consequence }: RevokeButtonProps) {
  const record = useRecordContext<{
    id: string;
    name?: string;
    issuer?: string;
    revokedAt?: string | null;
  }>();
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
      notify(`${noun} ${verb === 'Revoke' ? 'revoked' : 'removed'}`, { type: 'info' });
      refresh();
    } catch (error) {
      notify(
        error instanceof Error ? error.message : `Could not ${verb.toLowerCase()} the ${noun}`,
        {
          type: 'error',
        },
      );
    } finally {
      setPending(false);
      setOpen(false);
    }
  };

  return (
    <span onClick={stopRowClick}>
      <Button label={verb} color="error" onClick={() => setOpen(true)} disabled={pending} />
      <Confirm
        isOpen={open}
        loading={pending}
        title={`${verb} ${noun} ${record.name ?? record.issuer ?? ''}?`}
        content={`${consequence ?? `Anything using this ${noun} is refused from now on.`} This cannot be undone.`}
        confirm={verb}
        confirmColor="warning"
        onConfirm={() => void revoke()}
        onClose={() => setOpen(false)}
      />
    </span>
  );
}
