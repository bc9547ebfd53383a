import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { formatCredential, hashSecret, newSecret } from '../auth/secrets';
import type { ApiKeyRow } from '../db/entities';
import { ApiKeyEntity } from '../db/entities';
import { BadInputError } from '../errors';
import type { PageArgs } from './scoped-em';
import { tenantEm } from './scoped-em';

export class ApiKeyService {
  constructor(private readonly orm: MikroORM) {}

  async create(tenantId: string, name: string): Promise<{ apiKey: ApiKeyRow; secret: string }> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 200) {
      throw new BadInputError('API key name must be 1-200 characters');
    }
    const id = randomUUID();
    const secret = newSecret();
    const em = tenantEm(this.orm, tenantId);
    const apiKey = em.create(ApiKeyEntity, {
      id,
      tenantId,
      name: trimmed,
      prefix: `ck_${id}`,
      secretHash: hashSecret(secret),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await em.flush();
    return { apiKey, secret: formatCredential('ck', id, secret) };
  }

  async revoke(tenantId: string, id: string): Promise<ApiKeyRow | null> {
    const em = tenantEm(this.orm, tenantId);
    const apiKey = await em.findOne(ApiKeyEntity, { id });
    if (!apiKey) return null;
    apiKey.revokedAt ??= new Date();
    await em.flush();
    return apiKey;
  }

  /** Which tenant a key id belongs to, before the caller's rights are checked. */
  async tenantOf(id: string): Promise<string | null> {
    const row = await this.orm.em
      .fork()
      .findOne(ApiKeyEntity, { id }, { filters: false, fields: ['tenantId'] });
    return row?.tenantId ?? null;
  }

  async list(tenantId: string, page: PageArgs) {
    const [items, total] = await tenantEm(this.orm, tenantId).findAndCount(
      ApiKeyEntity,
      {},
      { orderBy: { createdAt: 'asc', id: 'asc' }, ...page },
    );
    return { items, total };
  }
}
