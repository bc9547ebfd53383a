import { useState } from 'react';
import {
  Button,
  Form,
  Login,
  PasswordInput,
  TextInput,
  required,
  useLogin,
  useNotify,
} from 'react-admin';

import { errorReason } from './api-error';
import type { Credentials } from './auth-provider';

type Step = { kind: 'password' } | { kind: 'second-factor'; email: string; password: string };

const formStyle = {
  display: 'flex',
  flexDirection: 'column',
  gap: 8,
  padding: 16,
  width: 300,
} as const;

function failureMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Sign-in failed';
}

/**
 * Sign-in in two steps: email and password, then, when the server asks for it (an operator
 * with TOTP), a code from the authenticator app or one of the recovery codes.
 */
export function LoginPage() {
  const login = useLogin();
  const notify = useNotify();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [pending, setPending] = useState(false);

  const signIn = async (credentials: Credentials) => {
    setPending(true);
    try {
      await login(credentials);
    } catch (error) {
      if (step.kind === 'password' && errorReason(error) === 'TOTP_REQUIRED') {
        const { email = '', password = '' } = credentials;
        setStep({ kind: 'second-factor', email, password });
      } else {
        notify(failureMessage(error), { type: 'error' });
      }
    } finally {
      setPending(false);
    }
  };

  if (step.kind === 'password') {
    return (
      <Login>
        <Form key="password" onSubmit={(values: Credentials) => void signIn(values)}>
          <div style={formStyle}>
            <TextInput
              autoFocus
              source="email"
              label="Email"
              type="email"
              autoComplete="username"
              validate={required()}
            />
            <PasswordInput
              source="password"
              label="Password"
              autoComplete="current-password"
              validate={required()}
            />
            <Button type="submit" variant="contained" label="Sign in" disabled={pending} />
          </div>
        </Form>
      </Login>
    );
  }

  const { email, password } = step;
  const submitCode = (values: { code?: string }) =>
    void signIn(
      useRecoveryCode
        ? { email, password, recoveryCode: values.code }
        : { email, password, totpCode: values.code },
    );
  return (
    <Login>
      <Form key={useRecoveryCode ? 'recovery' : 'totp'} onSubmit={submitCode}>
        <div style={formStyle}>
          <TextInput
            autoFocus
            source="code"
            label={useRecoveryCode ? 'Recovery code' : 'Authenticator code'}
            autoComplete="one-time-code"
            helperText={`Signing in as ${email}`}
            validate={required()}
          />
          <Button type="submit" variant="contained" label="Sign in" disabled={pending} />
          <Button
            label={useRecoveryCode ? 'Use the authenticator app' : 'Use a recovery code'}
            onClick={() => setUseRecoveryCode(!useRecoveryCode)}
          />
          <Button
            label="Back"
            onClick={() => {
              setUseRecoveryCode(false);
              setStep({ kind: 'password' });
            }}
          />
        </div>
      </Form>
    </Login>
  );
}
