import type { TenantScope } from '../auth/actor';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import type { UserTokenSource } from '../auth/session-tokens';
import { signSession } from '../auth/session-tokens';
import type { EndUserRow } from '../db/entities';
import { EndUserEntity } from '../db/entities';
import { BadInputError } from '../errors';
import type { PageArgs } from './scoped-em';
import { platformEm, tenantEm } from './scoped-em';

const maxTtlSeconds = 30 * 24 * 3600;

export class EndUserService {
  constructor(
    private readonly orm: MikroORM,
    private readonly pool: pg.Pool,
    private readonly tokenSecret: Buffer,
  ) {}

  /** Creates the user on first sight; concurrent first sights agree on one row. */
  async upsert(tenantId: string, externalId: string): Promise<EndUserRow> {
    if (externalId.length === 0 || externalId.length > 256 || externalId.trim() !== externalId) {
      throw new BadInputError('externalId must be 1-256 characters without surrounding spaces');
    }
    await this.pool.query(
      `insert into end_user (id, tenant_id, external_id) values ($1, $2, $3)
       on conflict (tenant_id, external_id) do nothing`,
      [randomUUID(), tenantId, externalId],
    );
    const user = await tenantEm(this.orm, tenantId).findOne(EndUserEntity, { externalId });
    if (!user) throw new Error(`end user ${externalId} vanished after upsert`);
    return user;
  }

  /**
   * A sign-in token for the user, created on first sight, bound to what signed it in; it never
   * outlives `notAfter` (the minting API key's expiry).
   */
  async mintToken(
    tenantId: string,
    externalId: string,
    grant: { source: UserTokenSource; ttlSeconds: number; notAfter: Date | null },
  ) {
    const { ttlSeconds } = grant;
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > maxTtlSeconds) {
      throw new BadInputError(`ttlSeconds must be between 60 and ${maxTtlSeconds}`);
    }
    const user = await this.upsert(tenantId, externalId);
    const session = await signSession(
      this.tokenSecret,
      { typ: 'user', sub: user.id, tid: tenantId, ...grant.source },
      ttlSeconds,
      grant.notAfter,
    );
    return { ...session, user };
  }

  async get(tenantId: string, id: string): Promise<EndUserRow | null> {
    return tenantEm(this.orm, tenantId).findOne(EndUserEntity, { id });
  }

  /** For platform admins, who name a user without knowing its tenant. */
  async getAnyTenant(id: string): Promise<EndUserRow | null> {
    return platformEm(this.orm).findOne(EndUserEntity, { id }, { filters: false });
  }

  async list(scope: TenantScope, page: PageArgs) {
    const em = scope === 'ALL' ? platformEm(this.orm) : tenantEm(this.orm, scope);
    const [items, total] = await em.findAndCount(
      EndUserEntity,
      {},
      { orderBy: { createdAt: 'asc', id: 'asc' }, filters: scope === 'ALL' ? false : {}, ...page },
    );
    return { items, total };
  }
}
