import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Growth past what survived the last collection that is worth another one. */
const regrowthBytes = 48 * 1024 * 1024;

/**
 * Keeps the process's resident memory near a ceiling. Uploads make lots of short-lived request
 * objects and buffers that live just long enough to be promoted, and V8 lets that garbage pile
 * up to hundreds of MB before a full collection; a phone (or the CLI's 300 MB budget) cannot
 * wait. When the live heap plus buffer memory passes `limitBytes` and has grown well past what
 * survived the last collection, this runs a full collection, at most twice a second. Data the
 * backup still holds (chunks waiting to be sent) does not set it off again and again.
 */
export function startMemoryGuard(limitBytes: number): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return () => undefined;

  let lastRun = 0;
  let survived = 0;
  const used = () => {
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const timer = setInterval(() => {
    const now = Date.now();
    // RSS is cheap to read and bounds what a collection could free.
    if (now - lastRun < 500 || process.memoryUsage.rss() < limitBytes) return;
    const before = used();
    if (before < Math.max(limitBytes, survived + regrowthBytes)) return;
    lastRun = now;
    gc();
    survived = used();
  }, 100);
  timer.unref();
  return () => clearInterval(timer);
}
