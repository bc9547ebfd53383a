import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PartnerIdpRow } from '../db/entities';
import { PartnerIdpEntity } from '../db/entities';
import { ConflictError } from '../errors';
import { platformEm, tenantEm } from '../identity/scoped-em';
import type { PartnerIdpSettings } from './partner-idp-input';

/** A tenant's partner identity providers, one per issuer. */
export class PartnerIdpService {
  constructor(private readonly orm: MikroORM) {}

  async list(tenantId: string): Promise<PartnerIdpRow[]> {
    return tenantEm(this.orm, tenantId).find(
      PartnerIdpEntity,
      {},
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  async byIssuer(tenantId: string, issuer: string): Promise<PartnerIdpRow | null> {
    return tenantEm(this.orm, tenantId).findOne(PartnerIdpEntity, { issuer });
  }

  async register(tenantId: string, settings: PartnerIdpSettings): Promise<PartnerIdpRow> {
    const em = tenantEm(this.orm, tenantId);
    await this.refuseTakenIssuer(tenantId, settings.issuer, null);
    const now = new Date();
    const idp = em.create(PartnerIdpEntity, {
      id: randomUUID(),
      tenantId,
      ...settings,
      createdAt: now,
      updatedAt: now,
    });
    await em.flush();
    return idp;
  }

  async update(
    tenantId: string,
    id: string,
    settings: PartnerIdpSettings,
  ): Promise<PartnerIdpRow | null> {
    const em = tenantEm(this.orm, tenantId);
    const idp = await em.findOne(PartnerIdpEntity, { id });
    if (!idp) return null;
    await this.refuseTakenIssuer(tenantId, settings.issuer, id);
    em.assign(idp, { ...settings, updatedAt: new Date() });
    await em.flush();
    return idp;
  }

  async remove(tenantId: string, id: string): Promise<PartnerIdpRow | null> {
    const em = tenantEm(this.orm, tenantId);
    const idp = await em.findOne(PartnerIdpEntity, { id });
    if (!idp) return null;
    await em.remove(idp).flush();
    return idp;
  }

  /** Which tenant an identity provider belongs to, before the caller's rights are checked. */
  async tenantOf(id: string): Promise<string | null> {
    const row = await platformEm(this.orm).findOne(
      PartnerIdpEntity,
      { id },
      { filters: false, fields: ['tenantId'] },
    );
    return row?.tenantId ?? null;
  }

  /** A clear CONFLICT for the common case; the unique index still decides a race. */
  private async refuseTakenIssuer(tenantId: string, issuer: string, exceptId: string | null) {
    const holder = await this.byIssuer(tenantId, issuer);
    if (holder && holder.id !== exceptId) {
      throw new ConflictError(`an identity provider with issuer "${issuer}" is already registered`);
    }
  }
}
