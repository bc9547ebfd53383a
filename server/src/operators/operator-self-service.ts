import argon2 from 'argon2';
import type pg from 'pg';
import type { ActorOf } from '../auth/actor';
import type { LoginGuard } from '../auth/login-guard';
import { sessionRestrictionFor } from '../auth/policy';
import { inTransaction } from '../db/database';
import type { OperatorRow } from '../db/entities';
import { BadInputError, UnauthenticatedError } from '../errors';
import type { SignedIn } from '../identity/operator-login';
import type { OperatorService } from '../identity/operators.service';
import { hashPassword } from '../identity/operators.service';
import type { OperatorSessions } from './operator-sessions';
import type { SecondFactor } from './second-factor';

type Operator = ActorOf<'OPERATOR'>;

/**
 * What signed-in operators do to their own account: enrol TOTP and change their password. Each
 * completed step ends the session that took it and answers a new one, restricted by whatever
 * step is still owed, so a restricted token never outlives the restriction.
 */
export class OperatorSelfService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly operators: OperatorService,
    private readonly secondFactor: SecondFactor,
    private readonly sessions: OperatorSessions,
    private readonly guard: LoginGuard,
  ) {}

  async startTotpEnrolment(actor: Operator) {
    return this.secondFactor.startEnrolment(await this.current(actor));
  }

  async confirmTotpEnrolment(actor: Operator, code: string) {
    const operator = await this.current(actor);
    const { recoveryCodes, session } = await inTransaction(this.pool, async (client) => {
      const codes = await this.secondFactor.confirmEnrolment(operator, code, client);
      const enrolled = { ...operator, totpEnabledAt: new Date() };
      await this.sessions.revoke(actor.sessionId, 'STEP_COMPLETED', client);
      const next = await this.sessions.open(operator.id, sessionRestrictionFor(enrolled), client);
      return { recoveryCodes: codes, session: next };
    });
    return { session: { ...session, operator: await this.current(actor) }, recoveryCodes };
  }

  /**
   * Needs the current password, counted by the login guard like a sign-in, so a stolen access
   * token cannot be used to guess it. Every session of the operator ends; this one is replaced.
   */
  async changePassword(
    actor: Operator,
    currentPassword: string,
    newPassword: string,
    clientIp: string,
  ): Promise<SignedIn> {
    const operator = await this.current(actor);
    await this.guard.admit(operator.email, clientIp);
    const ok = await argon2.verify(operator.passwordHash, currentPassword).catch(() => false);
    if (!ok) {
      await this.guard.failed(operator.email);
      throw new BadInputError('the current password is wrong');
    }
    await this.guard.succeeded(operator.email);
    if (newPassword === currentPassword) {
      throw new BadInputError('the new password must differ from the current one');
    }
    const passwordHash = await hashPassword(newPassword);

    const session = await inTransaction(this.pool, async (client) => {
      await client.query(
        'update operator set password_hash = $2, must_change_password = false where id = $1',
        [operator.id, passwordHash],
      );
      await this.sessions.revokeAll(operator.id, 'PASSWORD_CHANGED', client);
      const changed = { ...operator, mustChangePassword: false };
      return this.sessions.open(operator.id, sessionRestrictionFor(changed), client);
    });
    return { ...session, operator: await this.current(actor) };
  }

  private async current(actor: Operator): Promise<OperatorRow> {
    const operator = await this.operators.get(actor.operatorId);
    if (!operator) throw new UnauthenticatedError();
    return operator;
  }
}
