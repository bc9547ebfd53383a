import type pg from 'pg';
import type { Logger } from '../logger';

const minIntervalMs = 60_000;

/**
 * Records lastUsedAt/lastSeenAt at most once a minute per credential, off the request path,
 * so authentication stays one read.
 */
export class UsageToucher {
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {}

  touch(table: 'api_key' | 'device', column: 'last_used_at' | 'last_seen_at', id: string): void {
    const now = Date.now();
    if (now - (this.lastWrite.get(id) ?? 0) < minIntervalMs) return;
    this.lastWrite.set(id, now);
    if (this.lastWrite.size > 100_000) this.lastWrite.clear();
    this.pool
      .query(
        `update ${table} set ${column} = now()
         where id = $1 and (${column} is null or ${column} < now() - interval '1 minute')`,
        [id],
      )
      .catch((error: unknown) => this.log.warn({ err: error, table, id }, 'usage touch failed'));
  }
}
