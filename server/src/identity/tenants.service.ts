import type { TenantScope } from '../auth/actor';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { TenantRow } from '../db/entities';
import { TenantEntity } from '../db/entities';
import { BadInputError, ConflictError } from '../errors';
import type { PageArgs } from './scoped-em';
import { platformEm, tenantEm } from './scoped-em';

export class TenantService {
  constructor(private readonly orm: MikroORM) {}

  async create(name: string, conflictPolicy: TenantRow['conflictPolicy']): Promise<TenantRow> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 200) {
      throw new BadInputError('tenant name must be 1-200 characters');
    }
    const em = platformEm(this.orm);
    if (await em.findOne(TenantEntity, { name: trimmed }, { filters: false })) {
      throw new ConflictError(`a tenant named "${trimmed}" already exists`);
    }
    const tenant = em.create(TenantEntity, {
      id: randomUUID(),
      name: trimmed,
      status: 'ACTIVE',
      conflictPolicy,
      dedupScope: 'USER',
      maxDevicesPerUser: null,
      keepLastVersions: null,
      trashRetentionDays: 30,
      createdAt: new Date(),
    });
    await em.flush();
    return tenant;
  }

  async list(scope: TenantScope, page: PageArgs) {
    const em = scope === 'ALL' ? platformEm(this.orm) : tenantEm(this.orm, scope);
    const [items, total] = await em.findAndCount(
      TenantEntity,
      {},
      { orderBy: { createdAt: 'asc', id: 'asc' }, filters: scope === 'ALL' ? false : {}, ...page },
    );
    return { items, total };
  }

  async setStatus(id: string, status: TenantRow['status']): Promise<TenantRow | null> {
    const em = tenantEm(this.orm, id);
    const tenant = await em.findOne(TenantEntity, { id });
    if (!tenant) return null;
    tenant.status = status;
    await em.flush();
    return tenant;
  }

  async get(id: string): Promise<TenantRow | null> {
    return tenantEm(this.orm, id).findOne(TenantEntity, { id });
  }
}
