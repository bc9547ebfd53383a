import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SessionRestriction } from '../auth/actor';
import { hashSecret, newSecret } from '../auth/secrets';
import { signSession } from '../auth/session-tokens';
import type { SessionTtls } from '../config';
import { inTransaction } from '../db/database';
import { UnauthenticatedError } from '../errors';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  refreshToken: string | null;
  refreshExpiresAt: Date | null;
  restriction: SessionRestriction | null;
}

export type RevokeReason =
  | 'LOGOUT'
  | 'REFRESH_REPLAYED'
  | 'PASSWORD_CHANGED'
  | 'PASSWORD_RESET'
  | 'OPERATOR_DISABLED'
  | 'STEP_COMPLETED';

type Queryable = Pick<pg.PoolClient, 'query'>;

const refreshPrefix = 'cr_';

/**
 * Server-side operator sessions. An access token is a short-lived JWT naming its session, so
 * revoking the row ends it at the next request. A refresh token is opaque, stored as a SHA-256
 * digest and good for one use: each refresh marks it rotated and issues the next. Seeing a
 * rotated one again means two parties hold the session, so the whole session is revoked.
 * Restricted sessions get no refresh token: they exist only to take one step.
 */
export class OperatorSessions {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tokenSecret: Buffer,
    private readonly ttl: SessionTtls,
  ) {}

  async open(
    operatorId: string,
    restriction: SessionRestriction | null,
    db: Queryable = this.pool,
  ): Promise<IssuedSession> {
    await this.pruneDead(operatorId, db);
    const sessionId = randomUUID();
    await db.query(
      'insert into operator_session (id, operator_id, restriction) values ($1, $2, $3)',
      [sessionId, operatorId, restriction],
    );
    const refresh = restriction ? null : await this.addRefreshToken(sessionId, db);
    const access = await this.accessToken(operatorId, sessionId);
    return {
      ...access,
      refreshToken: refresh?.token ?? null,
      refreshExpiresAt: refresh?.expiresAt ?? null,
      restriction,
    };
  }

  /** Trades a refresh token for the next one; the refused cases are all UNAUTHENTICATED. */
  async refresh(refreshToken: string): Promise<{ operatorId: string; session: IssuedSession }> {
    if (!refreshToken.startsWith(refreshPrefix)) {
      throw new UnauthenticatedError('refresh token is not valid');
    }
    const outcome = await inTransaction(this.pool, (client) => this.rotate(client, refreshToken));
    if (outcome.kind === 'replayed') {
      throw new UnauthenticatedError(
        'this refresh token was already used; the session has been ended, sign in again',
      );
    }
    if (outcome.kind === 'refused') throw new UnauthenticatedError('refresh token is not valid');
    const access = await this.accessToken(outcome.operatorId, outcome.sessionId);
    return {
      operatorId: outcome.operatorId,
      session: {
        ...access,
        refreshToken: outcome.next.token,
        refreshExpiresAt: outcome.next.expiresAt,
        restriction: null,
      },
    };
  }

  async revoke(sessionId: string, reason: RevokeReason, db: Queryable = this.pool) {
    await db.query(
      `update operator_session set revoked_at = now(), revoked_reason = $2
       where id = $1 and revoked_at is null`,
      [sessionId, reason],
    );
  }

  async revokeAll(operatorId: string, reason: RevokeReason, db: Queryable = this.pool) {
    await db.query(
      `update operator_session set revoked_at = now(), revoked_reason = $2
       where operator_id = $1 and revoked_at is null`,
      [operatorId, reason],
    );
  }

  private async rotate(client: pg.PoolClient, refreshToken: string) {
    // The row lock makes two refreshes with one token take turns: the second sees it rotated.
    const { rows } = await client.query<{
      session_id: string;
      operator_id: string;
      rotated: boolean;
      live: boolean;
    }>(
      `select t.session_id, s.operator_id, t.rotated_at is not null as rotated,
         (t.expires_at > now() and s.revoked_at is null and s.restriction is null
          and o.disabled_at is null) as live
       from operator_refresh_token t
       join operator_session s on s.id = t.session_id
       join operator o on o.id = s.operator_id
       where t.token_hash = $1
       for update of t`,
      [hashSecret(refreshToken)],
    );
    const row = rows[0];
    if (!row) return { kind: 'refused' } as const;
    if (row.rotated) {
      await this.revoke(row.session_id, 'REFRESH_REPLAYED', client);
      return { kind: 'replayed' } as const;
    }
    if (!row.live) return { kind: 'refused' } as const;

    await client.query(
      'update operator_refresh_token set rotated_at = now() where token_hash = $1',
      [hashSecret(refreshToken)],
    );
    // Rotated tokens are kept to recognise a replay only until they would have expired.
    await client.query(
      'delete from operator_refresh_token where session_id = $1 and expires_at < now()',
      [row.session_id],
    );
    await client.query('update operator_session set refreshed_at = now() where id = $1', [
      row.session_id,
    ]);
    const next = await this.addRefreshToken(row.session_id, client);
    return {
      kind: 'rotated',
      operatorId: row.operator_id,
      sessionId: row.session_id,
      next,
    } as const;
  }

  private async addRefreshToken(sessionId: string, db: Queryable) {
    const token = refreshPrefix + newSecret();
    const expiresAt = new Date(Date.now() + this.ttl.refreshSeconds * 1000);
    await db.query(
      'insert into operator_refresh_token (token_hash, session_id, expires_at) values ($1, $2, $3)',
      [hashSecret(token), sessionId, expiresAt],
    );
    return { token, expiresAt };
  }

  private accessToken(operatorId: string, sessionId: string) {
    return signSession(
      this.tokenSecret,
      { typ: 'operator', sub: operatorId, sid: sessionId },
      this.ttl.accessSeconds,
    );
  }

  /**
   * Sessions nothing can use any more (no access or refresh token of theirs is unexpired) are
   * deleted when their operator signs in again, so the table stays the size of what is live.
   */
  private async pruneDead(operatorId: string, db: Queryable) {
    const horizon = Math.max(this.ttl.accessSeconds, this.ttl.refreshSeconds);
    await db.query(
      `delete from operator_session
       where operator_id = $1
         and coalesce(refreshed_at, created_at) < now() - make_interval(secs => $2)`,
      [operatorId, horizon],
    );
  }
}
