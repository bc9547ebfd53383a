import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps the process's resident memory near a ceiling. Uploads make lots of short-lived request
 * objects that live just long enough to be promoted, and V8 lets that garbage pile up to
 * hundreds of MB before a full collection; a phone (or the CLI's 300 MB budget) cannot wait.
 * When RSS passes `limitBytes`, this runs a full collection, at most twice a second.
 */
export function startMemoryGuard(limitBytes: number): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return () => undefined;

  let lastRun = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - lastRun < 500 || process.memoryUsage.rss() < limitBytes) return;
    lastRun = now;
    gc();
  }, 100);
  timer.unref();
  return () => clearInterval(timer);
}
