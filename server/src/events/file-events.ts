import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { FileRow, VersionRow } from '../db/entities';

export interface FileEventMessage {
  tenantId: string;
  userId: string;
  file: FileRow;
  version: VersionRow;
}

type Listener = (event: FileEventMessage) => void;

/**
 * Commit events travel through Redis pub/sub so every API node hears every commit; each node
 * then hands them to its own graphql-ws subscribers, keyed by user.
 */
export class FileEventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly channel: string;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    prefix: string,
    private readonly log: Logger,
  ) {
    this.channel = `${prefix}:file-events`;
  }

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) this.deliver(raw);
    });
    await this.subscriber.subscribe(this.channel);
  }

  publish(event: FileEventMessage): void {
    this.publisher
      .publish(this.channel, JSON.stringify(event))
      .catch((error: unknown) => this.log.warn({ err: error }, 'file event not published'));
  }

  /** An async iterator of the user's events; `return()` unsubscribes. */
  subscribe(tenantId: string, userId: string): AsyncIterableIterator<FileEventMessage> {
    const queue: FileEventMessage[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const listener: Listener = (event) => {
      if (event.tenantId !== tenantId) return;
      queue.push(event);
      wake?.();
    };
    const set = this.listeners.get(userId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(userId, set);
    const stop = () => {
      done = true;
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
      wake?.();
    };

    const iterator: AsyncIterableIterator<FileEventMessage> = {
      next: async () => {
        while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const value = queue.shift();
        return value ? { value, done: false } : { value: undefined, done: true };
      },
      return: () => {
        stop();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private deliver(raw: string) {
    let event: FileEventMessage;
    try {
      event = JSON.parse(raw) as FileEventMessage;
    } catch {
      this.log.warn('malformed file event ignored');
      return;
    }
    for (const listener of this.listeners.get(event.userId) ?? []) listener(event);
  }
}
