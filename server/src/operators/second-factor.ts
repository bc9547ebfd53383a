import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { OperatorRow } from '../db/entities';
import { BadInputError, ConflictError, UnauthenticatedError } from '../errors';
import { unwrapKey, wrapKey } from '../keys/key-file';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import type { TotpEnrolmentOffer } from './totp';
import { enrolmentOffer, matchingStep, newTotpSecret } from './totp';

type Queryable = Pick<pg.PoolClient, 'query'>;

export type SecondFactorProof = { totpCode: string } | { recoveryCode: string };

/**
 * An operator's TOTP authenticator and recovery codes. Secrets are sealed with the server's
 * operator-secrets key and bound to the operator id, so a row copied onto another operator
 * does not open. The newest accepted time step is kept: a code of that step or an earlier one
 * is refused, so a code seen over a shoulder or in a log cannot be used again.
 */
export class SecondFactor {
  constructor(
    private readonly pool: pg.Pool,
    private readonly key: Buffer,
  ) {}

  /** Throws UNAUTHENTICATED for a wrong, reused or spent code; nothing else changes then. */
  async verify(operator: OperatorRow, proof: SecondFactorProof): Promise<void> {
    if (!operator.totpSecret) throw new UnauthenticatedError('this operator has no TOTP');
    if ('recoveryCode' in proof) return this.spendRecoveryCode(operator.id, proof.recoveryCode);

    const step = matchingStep(this.open(operator.id, operator.totpSecret), proof.totpCode.trim());
    if (step === null) throw new UnauthenticatedError('wrong TOTP or recovery code');
    const { rowCount } = await this.pool.query(
      `update operator set totp_last_step = $2
       where id = $1 and (totp_last_step is null or totp_last_step < $2)`,
      [operator.id, step],
    );
    if (rowCount === 0) {
      throw new UnauthenticatedError('this TOTP code was already used; wait for the next one');
    }
  }

  /** A fresh secret each time: starting over discards any secret not yet confirmed. */
  async startEnrolment(operator: OperatorRow): Promise<TotpEnrolmentOffer> {
    if (operator.totpEnabledAt) throw new ConflictError('TOTP is already enrolled');
    const secret = newTotpSecret();
    await this.pool.query('update operator set totp_pending_secret = $2 where id = $1', [
      operator.id,
      this.seal(operator.id, secret),
    ]);
    return enrolmentOffer(operator.email, secret);
  }

  /**
   * Makes the pending secret the operator's and replaces the recovery codes, inside the
   * caller's transaction. Answers the new codes, the only time they exist in clear.
   */
  async confirmEnrolment(operator: OperatorRow, code: string, db: Queryable): Promise<string[]> {
    if (operator.totpEnabledAt) throw new ConflictError('TOTP is already enrolled');
    if (!operator.totpPendingSecret) {
      throw new BadInputError('no enrolment is in progress: call startTotpEnrolment first');
    }
    const secret = this.open(operator.id, operator.totpPendingSecret);
    const step = matchingStep(secret, code.trim());
    if (step === null) {
      throw new BadInputError(
        'the code does not match: type the current code, and check the phone keeps the right time',
      );
    }
    await db.query(
      `update operator set totp_secret = totp_pending_secret, totp_pending_secret = null,
         totp_enabled_at = now(), totp_last_step = $2
       where id = $1`,
      [operator.id, step],
    );
    return this.replaceRecoveryCodes(operator.id, db);
  }

  /** Forgets the authenticator and the recovery codes (a lost phone); admins enrol again. */
  async remove(operatorId: string, db: Queryable): Promise<void> {
    await db.query(
      `update operator set totp_secret = null, totp_pending_secret = null,
         totp_enabled_at = null, totp_last_step = null
       where id = $1`,
      [operatorId],
    );
    await db.query('delete from operator_recovery_code where operator_id = $1', [operatorId]);
  }

  private async spendRecoveryCode(operatorId: string, typed: string): Promise<void> {
    // One statement finds and spends the code, so two sign-ins racing with it cannot both pass.
    const { rowCount } = await this.pool.query(
      `update operator_recovery_code set used_at = now()
       where operator_id = $1 and code_hash = $2 and used_at is null`,
      [operatorId, recoveryCodeHash(typed)],
    );
    if (rowCount === 0) throw new UnauthenticatedError('wrong TOTP or recovery code');
  }

  private async replaceRecoveryCodes(operatorId: string, db: Queryable): Promise<string[]> {
    const codes = newRecoveryCodes();
    await db.query('delete from operator_recovery_code where operator_id = $1', [operatorId]);
    await db.query(
      `insert into operator_recovery_code (id, operator_id, code_hash)
       select unnest($1::uuid[]), $2, unnest($3::text[])`,
      [codes.map(() => randomUUID()), operatorId, codes.map(recoveryCodeHash)],
    );
    return codes;
  }

  private seal(operatorId: string, secret: string): string {
    return wrapKey(this.key, Buffer.from(secret, 'utf8'), context(operatorId));
  }

  private open(operatorId: string, sealed: string): string {
    return unwrapKey(this.key, sealed, context(operatorId)).toString('utf8');
  }
}

const context = (operatorId: string) => `operator-totp:${operatorId}`;
