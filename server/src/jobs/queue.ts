import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** Every job the system knows. A handler map must name each exactly once. */
export const jobNames = ['chunk-gc', 'scrub'] as const;
export type JobName = (typeof jobNames)[number];
export type JobHandlers = { [K in JobName]: (job: Job) => Promise<unknown> };
/** A job that runs on its own every `everyMs`; the id names its scheduler in Redis. */
export interface JobSchedule {
  id: string;
  name: JobName;
  everyMs: number;
}

const queueName = 'cairn-jobs';

/** Fails at start when the registry and the handlers disagree (a second check after tsc's). */
export function checkRegistry(handlers: Record<string, unknown>): void {
  const declared = new Set<string>(jobNames);
  const given = Object.keys(handlers);
  const missing = jobNames.filter((name) => typeof handlers[name] !== 'function');
  const unknown = given.filter((name) => !declared.has(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `job registry mismatch: missing ${missing.join(',')} unknown ${unknown.join(',')}`,
    );
  }
}

export class JobRunner {
  readonly queue: Queue;
  private worker: Worker | null = null;
  private readonly connection: Redis;
  private readonly workerConnection: Redis;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection = this.connection.duplicate();
    this.queue = new Queue(queueName, { connection: this.connection, prefix });
  }

  /** Starts the worker and the schedules; upserting by id keeps a schedule from doubling. */
  async start(handlers: JobHandlers, schedules: readonly JobSchedule[]): Promise<void> {
    checkRegistry(handlers);
    this.worker = new Worker(
      queueName,
      async (job) => {
        const handler = handlers[job.name as JobName];
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        return handler(job);
      },
      { connection: this.workerConnection, prefix: this.prefix, concurrency: 1 },
    );
    this.worker.on('failed', (job, error) =>
      this.log.error({ err: error, job: job?.name, jobId: job?.id }, 'job failed'),
    );
    for (const { id, name, everyMs } of schedules) {
      await this.queue.upsertJobScheduler(
        id,
        { every: everyMs },
        { name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    }
  }

  async enqueue(name: JobName, jobId: string): Promise<Job> {
    return this.queue.add(name, {}, { jobId, removeOnComplete: 100, removeOnFail: 100 });
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
    await this.workerConnection.quit().catch(() => undefined);
  }
}
