import { useState } from 'react';
import {
  Button,
  Form,
  PasswordInput,
  minLength,
  required,
  useNavigate,
  useNotify,
} from 'react-admin';

import type { ConsoleClient } from '../apollo-client';
import { restrictionPaths } from '../session';
import { changePassword } from './session-steps';
import { StepFrame, failureMessage } from './step-frame';

interface PasswordForm {
  currentPassword?: string;
  newPassword?: string;
}

/** An operator whose password was given to them (new, or reset) chooses their own first. */
export function ChangePasswordPage({ client }: { client: ConsoleClient }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const [pending, setPending] = useState(false);

  const submit = async ({ currentPassword = '', newPassword = '' }: PasswordForm) => {
    setPending(true);
    try {
      const session = await changePassword(client, currentPassword, newPassword);
      // An admin without TOTP goes on to enrol; everyone else is done.
      navigate(session.restriction ? restrictionPaths[session.restriction] : '/');
    } catch (error) {
      notify(failureMessage(error, 'The password was not changed'), { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  return (
    <StepFrame title="Choose your password">
      <p>The password you signed in with was given to you: choose one of your own.</p>
      <Form onSubmit={(values: PasswordForm) => void submit(values)}>
        <PasswordInput
          source="currentPassword"
          label="Current password"
          autoComplete="current-password"
          validate={required()}
        />
        <PasswordInput
          source="newPassword"
          label="New password"
          autoComplete="new-password"
          helperText="12 characters or more"
          validate={[required(), minLength(12)]}
        />
        <Button type="submit" variant="contained" label="Change password" disabled={pending} />
      </Form>
    </StepFrame>
  );
}
