import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { BadInputError } from '../errors';

/** A fresh unit of work whose tenant filter is set; queries without it fail closed. */
export function tenantEm(orm: MikroORM, tenantId: string): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams('tenant', { tenantId });
  return em;
}

/** For platform-level reads that span tenants; callers pass `filters: false` deliberately. */
export function platformEm(orm: MikroORM): EntityManager {
  return orm.em.fork();
}

export interface PageArgs {
  offset: number;
  limit: number;
}

export function checkPage(
  args: { offset?: number | null; limit?: number | null },
  max = 500,
): PageArgs {
  const offset = args.offset ?? 0;
  const limit = args.limit ?? 50;
  if (!Number.isInteger(offset) || offset < 0) throw new BadInputError('offset must be >= 0');
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new BadInputError(`limit must be between 1 and ${max}`);
  }
  return { offset, limit };
}
