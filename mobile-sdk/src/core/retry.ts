import { CairnError, isRetryable } from './errors';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest server-requested pause (Retry-After) worth waiting for; longer ones fail now. */
  maxRetryAfterMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxRetryAfterMs: 60_000,
};

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` again after retryable failures, with exponential backoff and full jitter. A
 * server that says when to come back (RATE_LIMITED's `retryAfterSeconds`) is not asked sooner.
 */
export async function withRetry<T>(
  work: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const backoff = Math.random() * ceiling;
      const asked = retryAfterMs(error);
      if (asked > (policy.maxRetryAfterMs ?? 60_000)) throw error;
      // A little jitter on top, so devices told the same second do not return together.
      await sleep(asked > 0 ? asked + backoff / 4 : backoff);
    }
  }
}

/** The pause a RATE_LIMITED answer asked for, in ms; 0 when it named none. */
export function retryAfterMs(error: unknown): number {
  if (!(error instanceof CairnError)) return 0;
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? seconds * 1000
    : 0;
}

/** Runs at most `limit` tasks at once; `run` waits for a free slot before starting. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
