import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps the process's resident memory near a ceiling. Uploads make lots of short-lived request
 * objects that live just long enough to be promoted, and V8 lets that garbage pile up to
 * hundreds of MB before a full collection; a phone (or the CLI's 300 MB budget) cannot wait.
 * When the live heap plus buffer memory passes `limitBytes`, this runs a full collection, at
 * most twice a second. It watches what a collection can free, not RSS: after one, RSS stays up
 * (the allocator keeps the pages for reuse), and collecting again would only burn time.
 */
export function startMemoryGuard(limitBytes: number): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return () => undefined;

  let lastRun = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - lastRun < 500) return;
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    if (heapUsed + arrayBuffers < limitBytes) return;
    lastRun = now;
    gc();
  }, 100);
  timer.unref();
  return () => clearInterval(timer);
}
