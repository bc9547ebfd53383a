import { randomUUID } from 'node:crypto';
import type { ApiKeyScope } from '@cairn/schema';
import type { MikroORM } from '@mikro-orm/postgresql';
import { formatCredential, hashSecret, newSecret } from '../auth/secrets';
import type { ApiKeyRow } from '../db/entities';
import { ApiKeyEntity } from '../db/entities';
import { BadInputError } from '../errors';
import type { PageArgs } from './scoped-em';
import { tenantEm } from './scoped-em';

export class ApiKeyService {
  constructor(private readonly orm: MikroORM) {}

  async create(
    tenantId: string,
    input: { name: string; scopes: readonly ApiKeyScope[]; expiresAt: Date | null },
  ): Promise<{ apiKey: ApiKeyRow; secret: string }> {
    const trimmed = input.name.trim();
    if (trimmed.length === 0 || trimmed.length > 200) {
      throw new BadInputError('API key name must be 1-200 characters');
    }
    if (input.scopes.length === 0) {
      throw new BadInputError('an API key needs at least one scope');
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new BadInputError('expiresAt must be in the future');
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
      scopes: [...new Set(input.scopes)],
      createdAt: new Date(),
      expiresAt: input.expiresAt,
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

  async get(tenantId: string, id: string): Promise<ApiKeyRow | null> {
    return tenantEm(this.orm, tenantId).findOne(ApiKeyEntity, { id });
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
