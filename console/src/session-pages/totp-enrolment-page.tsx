import { useEffect, useRef, useState } from 'react';
import { Button, Form, TextInput, required, useNavigate, useNotify } from 'react-admin';

import type { ConsoleClient } from '../apollo-client';
import type { TotpEnrolment } from './session-steps';
import { confirmTotpEnrolment, startTotpEnrolment } from './session-steps';
import { StepFrame, failureMessage } from './step-frame';

const monospace = { fontFamily: 'monospace', fontSize: 16, userSelect: 'all' } as const;

/** Shown once: the server keeps only their hashes. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <StepFrame title="Recovery codes">
      <p>
        Each code signs you in once in place of an authenticator code, if you lose your phone. Store
        them somewhere safe now: they are not shown again.
      </p>
      <ul aria-label="Recovery codes" style={monospace}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button variant="contained" label="I have stored them, continue" onClick={onDone} />
    </StepFrame>
  );
}

/**
 * TOTP enrolment, which admins must complete before anything else: scan the QR code (or type
 * the key), confirm with a code the app shows, then keep the recovery codes.
 */
export function TotpEnrolmentPage({ client }: { client: ConsoleClient }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const [offer, setOffer] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);
  // Starting again replaces the secret, so a remount must not start a second enrolment.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startTotpEnrolment(client).then(setOffer, (error: unknown) =>
      notify(failureMessage(error, 'Could not start the enrolment'), { type: 'error' }),
    );
  }, [client, notify]);

  const confirm = async ({ code = '' }: { code?: string }) => {
    setPending(true);
    try {
      setRecoveryCodes((await confirmTotpEnrolment(client, code)).recoveryCodes);
    } catch (error) {
      notify(failureMessage(error, 'The code was not accepted'), { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={() => navigate('/')} />;
  return (
    <StepFrame title="Set up your authenticator">
      <p>Admins sign in with a code from an authenticator app as well as their password.</p>
      {offer && (
        <>
          <img src={offer.qrCodeDataUrl} alt="QR code for the authenticator app" width={200} />
          <div>
            Or type this key into the app: <span style={monospace}>{offer.secret}</span>
          </div>
          <Form onSubmit={(values: { code?: string }) => void confirm(values)}>
            <TextInput
              source="code"
              label="Code from the app"
              autoComplete="one-time-code"
              validate={required()}
            />
            <Button type="submit" variant="contained" label="Confirm" disabled={pending} />
          </Form>
        </>
      )}
    </StepFrame>
  );
}
