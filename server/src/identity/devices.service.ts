import type { TenantScope } from '../auth/actor';
import { randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { formatCredential, hashSecret, newSecret } from '../auth/secrets';
import type { DeviceRow } from '../db/entities';
import { DeviceEntity } from '../db/entities';
import { inTransaction } from '../db/database';
import { BadInputError, DeviceLimitError } from '../errors';
import { unwrapKey, wrapKey } from '../keys/key-file';
import type { PageArgs } from './scoped-em';
import { platformEm, tenantEm } from './scoped-em';

export interface UserKey {
  keyId: string;
  key: string;
}

export class DeviceService {
  constructor(
    private readonly orm: MikroORM,
    private readonly pool: pg.Pool,
    private readonly tenantKmsKey: Buffer,
  ) {}

  async register(
    tenantId: string,
    userId: string,
    input: { name: string; platform: string; appVersion?: string | null },
  ): Promise<{ device: DeviceRow; deviceToken: string; userKey: UserKey }> {
    const { name, platform, appVersion } = checkRegistration(input);
    const id = randomUUID();
    const secret = newSecret();
    await inTransaction(this.pool, async (client) => {
      await this.checkDeviceLimit(client, tenantId, userId);
      await client.query(
        `insert into device (id, tenant_id, user_id, name, platform, app_version, token_hash)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [id, tenantId, userId, name, platform, appVersion, hashSecret(secret)],
      );
      await this.ensureUserKey(client, tenantId, userId);
    });
    const device = await tenantEm(this.orm, tenantId).findOneOrFail(DeviceEntity, { id });
    return {
      device,
      deviceToken: formatCredential('cd', id, secret),
      userKey: await this.userKey(tenantId, userId),
    };
  }

  /**
   * Revoked devices do not count. The user's row is locked first, so two registrations at once
   * cannot both take the last place.
   */
  private async checkDeviceLimit(client: pg.PoolClient, tenantId: string, userId: string) {
    const { rows } = await client.query<{ limit: number | null }>(
      `select t.max_devices_per_user as limit from end_user u join tenant t on t.id = u.tenant_id
       where u.id = $1 and u.tenant_id = $2 for update of u`,
      [userId, tenantId],
    );
    const limit = rows[0]?.limit ?? null;
    if (limit === null) return;
    const { rows: counted } = await client.query<{ n: number }>(
      `select count(*)::int as n from device
       where tenant_id = $1 and user_id = $2 and revoked_at is null`,
      [tenantId, userId],
    );
    if (counted[0]!.n >= limit) throw new DeviceLimitError(limit);
  }

  /** The user's master key is made once, on the first device, wrapped by the tenant key. */
  private async ensureUserKey(client: pg.PoolClient, tenantId: string, userId: string) {
    const wrapped = wrapKey(this.tenantKmsKey, randomBytes(32), keyContext(tenantId, userId));
    await client.query(
      `insert into user_key (id, tenant_id, user_id, wrapped_key) values ($1, $2, $3, $4)
       on conflict (user_id) do nothing`,
      [randomUUID(), tenantId, userId, wrapped],
    );
  }

  async userKey(tenantId: string, userId: string): Promise<UserKey> {
    const { rows } = await this.pool.query<{ id: string; wrapped_key: string }>(
      'select id, wrapped_key from user_key where tenant_id = $1 and user_id = $2',
      [tenantId, userId],
    );
    const row = rows[0];
    if (!row) throw new Error(`user ${userId} has no master key`);
    const key = unwrapKey(this.tenantKmsKey, row.wrapped_key, keyContext(tenantId, userId));
    return { keyId: row.id, key: key.toString('base64') };
  }

  async revoke(tenantId: string, id: string): Promise<DeviceRow | null> {
    const em = tenantEm(this.orm, tenantId);
    const device = await em.findOne(DeviceEntity, { id });
    if (!device) return null;
    device.revokedAt ??= new Date();
    await em.flush();
    return device;
  }

  async get(tenantId: string, id: string): Promise<DeviceRow | null> {
    return tenantEm(this.orm, tenantId).findOne(DeviceEntity, { id });
  }

  async tenantOf(id: string): Promise<string | null> {
    const row = await platformEm(this.orm).findOne(
      DeviceEntity,
      { id },
      { filters: false, fields: ['tenantId'] },
    );
    return row?.tenantId ?? null;
  }

  async list(scope: TenantScope, filter: { userId: string | null }, page: PageArgs) {
    const em = scope === 'ALL' ? platformEm(this.orm) : tenantEm(this.orm, scope);
    const where = filter.userId ? { userId: filter.userId } : {};
    const [items, total] = await em.findAndCount(DeviceEntity, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      filters: scope === 'ALL' ? false : {},
      ...page,
    });
    return { items, total };
  }
}

function checkRegistration(input: { name: string; platform: string; appVersion?: string | null }) {
  const name = input.name.trim();
  const platform = input.platform.trim();
  const appVersion = input.appVersion?.trim() ?? null;
  if (name.length === 0 || name.length > 100) {
    throw new BadInputError('name must be 1-100 characters');
  }
  if (platform.length === 0 || platform.length > 50) {
    throw new BadInputError('platform must be 1-50 characters');
  }
  if (appVersion !== null && (appVersion.length === 0 || appVersion.length > 50)) {
    throw new BadInputError('appVersion must be 1-50 characters');
  }
  return { name, platform, appVersion };
}

function keyContext(tenantId: string, userId: string): string {
  return `cairn:user-key:${tenantId}:${userId}`;
}
