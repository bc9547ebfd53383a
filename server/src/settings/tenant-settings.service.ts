import type { MikroORM } from '@mikro-orm/postgresql';
import type { TenantRow } from '../db/entities';
import { TenantEntity } from '../db/entities';
import { tenantEm } from '../identity/scoped-em';
import type { SettingsChange } from './settings-input';

/** A tenant's settings live on its row; partner identity providers have their own service. */
export class TenantSettingsService {
  constructor(private readonly orm: MikroORM) {}

  async get(tenantId: string): Promise<TenantRow | null> {
    return tenantEm(this.orm, tenantId).findOne(TenantEntity, { id: tenantId });
  }

  async update(tenantId: string, change: SettingsChange): Promise<TenantRow | null> {
    const em = tenantEm(this.orm, tenantId);
    const tenant = await em.findOne(TenantEntity, { id: tenantId });
    if (!tenant) return null;
    em.assign(tenant, change);
    await em.flush();
    return tenant;
  }
}
