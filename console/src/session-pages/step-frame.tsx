import type { ReactNode } from 'react';
import { Button, Navigate, useLogout } from 'react-admin';

import { readSession } from '../session';

const frameStyle = {
  maxWidth: 420,
  margin: '64px auto',
  padding: 24,
  fontFamily: 'Roboto, Helvetica, Arial, sans-serif',
  display: 'flex',
  flexDirection: 'column',
  gap: 12,
} as const;

/**
 * The frame of a step a restricted session must take before the console opens: outside the
 * layout, whose menu would lead only to pages the server refuses.
 */
export function StepFrame({ title, children }: { title: string; children: ReactNode }) {
  const logout = useLogout();
  if (!readSession()) return <Navigate to="/login" replace />;
  return (
    <main style={frameStyle}>
      <h1 style={{ fontSize: 24, fontWeight: 400, margin: 0 }}>{title}</h1>
      {children}
      <Button label="Sign out" onClick={() => void logout()} />
    </main>
  );
}

export function failureMessage(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
