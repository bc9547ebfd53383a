import type { ReactNode } from 'react';
import { Layout, Navigate } from 'react-admin';

import { readSession, restrictionPaths } from './session';

/**
 * react-admin's layout, except for a restricted session: the server would refuse every page
 * behind it, so the operator is sent to the one step it must take first.
 */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  const restriction = readSession()?.restriction;
  if (restriction) return <Navigate to={restrictionPaths[restriction]} replace />;
  return <Layout>{children}</Layout>;
}
