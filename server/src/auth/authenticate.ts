import type pg from 'pg';
import { UnauthenticatedError } from '../errors';
import type { Actor } from './actor';
import { anonymous } from './actor';
import { parseCredential, secretMatches } from './secrets';
import { verifySession } from './session-tokens';
import type { UsageToucher } from './usage-toucher';

/**
 * The one place a bearer token becomes an actor. A token that is present but unknown, expired
 * or revoked is an error, never a silent anonymous caller.
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
    if (claims?.typ === 'operator') return this.operator(claims.sub);
    if (claims?.typ === 'user') return this.user(claims.sub, claims.tid);
    throw new UnauthenticatedError();
  }

  private async apiKey(id: string, secret: string): Promise<Actor> {
    const { rows } = await this.pool.query<{ tenant_id: string; secret_hash: string }>(
      'select tenant_id, secret_hash from api_key where id = $1 and revoked_at is null',
      [id],
    );
    const row = rows[0];
    if (!row || !secretMatches(secret, row.secret_hash)) throw new UnauthenticatedError();
    this.toucher.touch('api_key', 'last_used_at', id);
    return { kind: 'API_KEY', apiKeyId: id, tenantId: row.tenant_id };
  }

  private async device(id: string, secret: string): Promise<Actor> {
    const { rows } = await this.pool.query<{
      tenant_id: string;
      user_id: string;
      name: string;
      token_hash: string;
    }>(
      'select tenant_id, user_id, name, token_hash from device where id = $1 and revoked_at is null',
      [id],
    );
    const row = rows[0];
    if (!row || !secretMatches(secret, row.token_hash)) throw new UnauthenticatedError();
    this.toucher.touch('device', 'last_seen_at', id);
    return {
      kind: 'DEVICE',
      deviceId: id,
      deviceName: row.name,
      userId: row.user_id,
      tenantId: row.tenant_id,
    };
  }

  private async operator(id: string): Promise<Actor> {
    const { rows } = await this.pool.query<{ role: string; tenant_id: string | null }>(
      'select role, tenant_id from operator where id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) throw new UnauthenticatedError();
    const role = row.role as Extract<Actor, { kind: 'OPERATOR' }>['role'];
    return { kind: 'OPERATOR', operatorId: id, role, tenantId: row.tenant_id };
  }

  private async user(id: string, tenantId: string): Promise<Actor> {
    const { rowCount } = await this.pool.query(
      'select 1 from end_user where id = $1 and tenant_id = $2',
      [id, tenantId],
    );
    if (rowCount === 0) throw new UnauthenticatedError();
    return { kind: 'USER', userId: id, tenantId };
  }
}
