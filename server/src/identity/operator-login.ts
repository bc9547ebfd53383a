import type { ActorOf } from '../auth/actor';
import type { LoginGuard } from '../auth/login-guard';
import { sessionRestrictionFor } from '../auth/policy';
import type { OperatorRow } from '../db/entities';
import { BadInputError, SecondFactorRequiredError, UnauthenticatedError } from '../errors';
import type { IssuedSession, OperatorSessions } from '../operators/operator-sessions';
import type { SecondFactor, SecondFactorProof } from '../operators/second-factor';
import type { OperatorService } from './operators.service';

export interface LoginInput {
  email: string;
  password: string;
  totpCode?: string | null;
  recoveryCode?: string | null;
}

export type SignedIn = IssuedSession & { operator: OperatorRow };

/**
 * Operator sign-in behind the login guard: a wrong password and a wrong or reused second factor
 * count alike towards the lockout. The session answered is restricted while the operator owes a
 * step (a new password, TOTP enrolment).
 */
export class OperatorLogin {
  constructor(
    private readonly operators: OperatorService,
    private readonly guard: LoginGuard,
    private readonly secondFactor: SecondFactor,
    private readonly sessions: OperatorSessions,
  ) {}

  async login(input: LoginInput, clientIp: string): Promise<SignedIn> {
    const proof = proofOf(input);
    await this.guard.admit(input.email, clientIp);
    try {
      const operator = await this.operators.verifyPassword(input.email, input.password);
      if (operator.disabledAt) throw new UnauthenticatedError('this operator is disabled');
      if (operator.totpEnabledAt) {
        if (!proof) {
          await this.guard.refund(input.email);
          throw new SecondFactorRequiredError();
        }
        await this.secondFactor.verify(operator, proof);
      }
      const session = await this.sessions.open(operator.id, sessionRestrictionFor(operator));
      await this.guard.succeeded(input.email);
      return { ...session, operator };
    } catch (error) {
      const failed =
        error instanceof UnauthenticatedError && !(error instanceof SecondFactorRequiredError);
      if (failed) await this.guard.failed(input.email);
      throw error;
    }
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    const { operatorId, session } = await this.sessions.refresh(refreshToken);
    const operator = await this.operators.get(operatorId);
    if (!operator) throw new UnauthenticatedError();
    return { ...session, operator };
  }

  async logout(operator: ActorOf<'OPERATOR'>): Promise<boolean> {
    await this.sessions.revoke(operator.sessionId, 'LOGOUT');
    return true;
  }
}

function proofOf(input: LoginInput): SecondFactorProof | null {
  const totpCode = input.totpCode?.trim() || null;
  const recoveryCode = input.recoveryCode?.trim() || null;
  if (totpCode && recoveryCode) {
    throw new BadInputError('give a TOTP code or a recovery code, not both');
  }
  if (totpCode) return { totpCode };
  return recoveryCode ? { recoveryCode } : null;
}
