import type { Actor } from '../auth/actor';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** What every resolver receives: who is calling, the services, per-request loaders. */
export interface RequestContext {
  actor: Actor;
  services: Services;
  loaders: Loaders;
  log: Logger;
  requestId: string;
  /** The peer address (no proxy headers are trusted): login and anonymous budgets key on it. */
  clientIp: string;
  userAgent: string | null;
}
