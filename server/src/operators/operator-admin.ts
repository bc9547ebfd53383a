import type pg from 'pg';
import type { LoginGuard } from '../auth/login-guard';
import { inTransaction } from '../db/database';
import type { OperatorRow } from '../db/entities';
import { NotFoundError } from '../errors';
import type { NewOperator, OperatorService } from '../identity/operators.service';
import { hashPassword, newTemporaryPassword } from '../identity/operators.service';
import type { OperatorSessions } from './operator-sessions';
import type { SecondFactor } from './second-factor';

/**
 * Managing other operators. Who may touch whom is decided in the policy before these run;
 * these keep each change whole: a disabled or reset operator's sessions end in the same
 * transaction that changes the account.
 */
export class OperatorAdmin {
  constructor(
    private readonly pool: pg.Pool,
    private readonly operators: OperatorService,
    private readonly secondFactor: SecondFactor,
    private readonly sessions: OperatorSessions,
    private readonly guard: LoginGuard,
  ) {}

  create(input: NewOperator) {
    return this.operators.createWithTemporaryPassword(input);
  }

  async setDisabled(target: OperatorRow, disabled: boolean): Promise<OperatorRow> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `update operator set disabled_at = case when $2 then coalesce(disabled_at, now()) end
         where id = $1`,
        [target.id, disabled],
      );
      if (disabled) await this.sessions.revokeAll(target.id, 'OPERATOR_DISABLED', client);
    });
    return this.reload(target.id);
  }

  async delete(target: OperatorRow): Promise<string> {
    // Sessions, refresh tokens and recovery codes go with it (on delete cascade).
    await this.pool.query('delete from operator where id = $1', [target.id]);
    return target.id;
  }

  /**
   * A temporary password shown once, to be replaced at the next sign-in; every session ends and
   * the lockout is lifted, so the operator can sign in with it straight away.
   */
  async resetPassword(target: OperatorRow, resetTotp: boolean) {
    const temporaryPassword = newTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    await inTransaction(this.pool, async (client) => {
      await client.query(
        'update operator set password_hash = $2, must_change_password = true where id = $1',
        [target.id, passwordHash],
      );
      if (resetTotp) await this.secondFactor.remove(target.id, client);
      await this.sessions.revokeAll(target.id, 'PASSWORD_RESET', client);
    });
    await this.guard.succeeded(target.email);
    return { operator: await this.reload(target.id), temporaryPassword };
  }

  private async reload(id: string): Promise<OperatorRow> {
    const operator = await this.operators.get(id);
    if (!operator) throw new NotFoundError('operator', id);
    return operator;
  }
}
