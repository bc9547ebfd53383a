import type { ApiKeyScope } from '@cairn/schema';
import type pg from 'pg';
import { UnauthenticatedError } from '../errors';
import type { Actor, ActorOf, SessionRestriction, TenantStatus } from './actor';
import { anonymous } from './actor';
import { checkTenantStatus } from './policy';
import { parseCredential, secretMatches } from './secrets';
import type { UserTokenSource } from './session-tokens';
import { verifySession } from './session-tokens';
import type { UsageToucher } from './usage-toucher';

/**
 * The one place a bearer token becomes an actor. A token that is present but unknown, expired
 * or revoked is an error, never a silent anonymous caller. A tenant's own credentials carry its
 * status, read in the same query, and a suspended tenant's are refused here.
 */
export class Authenticator {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tokenSecret: Buffer,
    private readonly toucher: UsageToucher,
  ) {}

  async fromHeader(header: string | undefined): Promise<Actor> {
    if (!header) return anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    return this.fromToken(match[1]!);
  }

  async fromToken(token: string): Promise<Actor> {
    const opaque = parseCredential(token);
    if (opaque?.kind === 'ck') return this.apiKey(opaque.id, opaque.secret);
    if (opaque?.kind === 'cd') return this.device(opaque.id, opaque.secret);

    const claims = await verifySession(this.tokenSecret, token);
    if (claims?.typ === 'operator') return this.operator(claims.sub, claims.sid);
    if (claims?.typ === 'user') return this.user(claims.sub, claims.tid, claims);
    throw new UnauthenticatedError();
  }

  private async apiKey(id: string, secret: string): Promise<Actor> {
    const { rows } = await this.pool.query<{
      tenant_id: string;
      secret_hash: string;
      scopes: ApiKeyScope[];
      expires_at: Date | null;
      status: TenantStatus;
    }>(
      `select k.tenant_id, k.secret_hash, k.scopes, k.expires_at, t.status from api_key k
       join tenant t on t.id = k.tenant_id
       where k.id = $1 and k.revoked_at is null and ${liveKey('k')}`,
      [id],
    );
    const row = rows[0];
    if (!row || !secretMatches(secret, row.secret_hash)) throw new UnauthenticatedError();
    checkTenantStatus(row.status, 'read');
    this.toucher.touch('api_key', 'last_used_at', id);
    return {
      kind: 'API_KEY',
      apiKeyId: id,
      tenantId: row.tenant_id,
      tenantStatus: row.status,
      scopes: row.scopes,
      expiresAt: row.expires_at,
    };
  }

  private async device(id: string, secret: string): Promise<Actor> {
    const { rows } = await this.pool.query<{
      tenant_id: string;
      user_id: string;
      name: string;
      token_hash: string;
      status: TenantStatus;
    }>(
      `select d.tenant_id, d.user_id, d.name, d.token_hash, t.status from device d
       join tenant t on t.id = d.tenant_id
       where d.id = $1 and d.revoked_at is null`,
      [id],
    );
    const row = rows[0];
    if (!row || !secretMatches(secret, row.token_hash)) throw new UnauthenticatedError();
    checkTenantStatus(row.status, 'read');
    this.toucher.touch('device', 'last_seen_at', id);
    return {
      kind: 'DEVICE',
      deviceId: id,
      deviceName: row.name,
      userId: row.user_id,
      tenantId: row.tenant_id,
      tenantStatus: row.status,
    };
  }

  /** One primary-key join per request: a logged-out session or a disabled operator ends here. */
  private async operator(id: string, sessionId: string): Promise<Actor> {
    const { rows } = await this.pool.query<{
      role: ActorOf<'OPERATOR'>['role'];
      tenant_id: string | null;
      restriction: SessionRestriction | null;
    }>(
      `select o.role, o.tenant_id, s.restriction from operator_session s
       join operator o on o.id = s.operator_id
       where s.id = $1 and s.operator_id = $2 and s.revoked_at is null and o.disabled_at is null`,
      [sessionId, id],
    );
    const row = rows[0];
    if (!row) throw new UnauthenticatedError();
    return {
      kind: 'OPERATOR',
      operatorId: id,
      role: row.role,
      tenantId: row.tenant_id,
      sessionId,
      restriction: row.restriction,
    };
  }

  /** The user, and what signed it in: the minting API key still live, or the partner IdP. */
  private async user(id: string, tenantId: string, source: UserTokenSource): Promise<Actor> {
    const { rows } = await this.pool.query<{ status: TenantStatus }>(
      `select t.status from end_user u join tenant t on t.id = u.tenant_id
       where u.id = $1 and u.tenant_id = $2 and (
         exists (select 1 from api_key k where k.id = $3 and k.tenant_id = $2
                 and k.revoked_at is null and ${liveKey('k')})
         or exists (select 1 from partner_idp p where p.id = $4 and p.tenant_id = $2))`,
      [id, tenantId, 'key' in source ? source.key : null, 'idp' in source ? source.idp : null],
    );
    const row = rows[0];
    if (!row) throw new UnauthenticatedError();
    checkTenantStatus(row.status, 'read');
    return { kind: 'USER', userId: id, tenantId, tenantStatus: row.status };
  }
}

/** SQL: the key has no expiry or has not reached it. */
const liveKey = (alias: string) => `(${alias}.expires_at is null or ${alias}.expires_at > now())`;
