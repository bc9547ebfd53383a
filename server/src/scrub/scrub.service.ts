import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { TenantScope } from '../auth/actor';
import type { ScrubFindingRow } from '../db/entities';
import { ScrubFindingEntity } from '../db/entities';
import type { PageArgs } from '../identity/scoped-em';
import { platformEm, tenantEm } from '../identity/scoped-em';
import type { JobRunner } from '../jobs/queue';

export interface FindingFilter {
  kind: ScrubFindingRow['kind'] | null;
  /** null: open and resolved alike. */
  resolved: boolean | null;
}

/** Reads scrub findings for operators and queues runs on demand; the job writes the findings. */
export class ScrubService {
  constructor(
    private readonly orm: MikroORM,
    private readonly jobs: JobRunner,
  ) {}

  async findings(scope: TenantScope, filter: FindingFilter, page: PageArgs) {
    const em = scope === 'ALL' ? platformEm(this.orm) : tenantEm(this.orm, scope);
    const where = {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.resolved === null ? {} : { resolvedAt: filter.resolved ? { $ne: null } : null }),
    };
    const [items, total] = await em.findAndCount(ScrubFindingEntity, where, {
      orderBy: { firstSeenAt: 'desc', id: 'asc' },
      filters: scope === 'ALL' ? false : {},
      ...page,
    });
    return { items, total };
  }

  async requestRun(): Promise<{ jobId: string }> {
    const job = await this.jobs.enqueue('scrub', `scrub-now-${randomUUID()}`);
    return { jobId: job.id! };
  }
}
