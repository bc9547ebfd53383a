import { useState } from 'react';
import { Button, Confirm, useDataProvider, useNotify, useRecordContext } from 'react-admin';

import type { CairnDataProvider } from '../data-provider';
import type { OperatorFieldsFragment } from '../generated/operations';

/**
 * A platform admin gives an operator a new temporary password, shown here once in place of
 * the button. With "and authenticator" the TOTP enrolment goes too (a lost phone).
 */
export function ResetPasswordButton() {
  const operator = useRecordContext<OperatorFieldsFragment>();
  const dataProvider = useDataProvider<CairnDataProvider>();
  const notify = useNotify();
  const [confirming, setConfirming] = useState<'password' | 'password-and-totp' | null>(null);
  const [pending, setPending] = useState(false);
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);
  if (!operator) return null;

  if (temporaryPassword) {
    return (
      <span>
        Temporary password, shown once:{' '}
        <code aria-label="Temporary password" style={{ userSelect: 'all' }}>
          {temporaryPassword}
        </code>
      </span>
    );
  }

  const reset = async () => {
    setPending(true);
    try {
      const answer = await dataProvider.resetOperatorPassword(
        operator.id,
        confirming === 'password-and-totp',
      );
      setTemporaryPassword(answer.temporaryPassword);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The reset failed', { type: 'error' });
    } finally {
      setPending(false);
      setConfirming(null);
    }
  };

  return (
    <>
      <Button label="Reset password" onClick={() => setConfirming('password')} />
      {operator.totpEnabled && (
        <Button label="…and authenticator" onClick={() => setConfirming('password-and-totp')} />
      )}
      <Confirm
        isOpen={confirming !== null}
        loading={pending}
        title={`Reset the password of ${operator.email}?`}
        content={
          confirming === 'password-and-totp'
            ? 'Their sessions end, their authenticator and recovery codes are removed, and they choose a new password and enrol again at next sign-in.'
            : 'Their sessions end, a lockout is lifted, and they choose a new password at next sign-in.'
        }
        confirm="Reset"
        confirmColor="warning"
        onConfirm={() => void reset()}
        onClose={() => setConfirming(null)}
      />
    </>
  );
}
