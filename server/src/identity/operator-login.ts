import type { LoginGuard } from '../auth/login-guard';
import { UnauthenticatedError } from '../errors';
import type { OperatorService } from './operators.service';

/** Operator sign-in behind the login guard: counted, locked after repeated failures. */
export class OperatorLogin {
  constructor(
    private readonly operators: OperatorService,
    private readonly guard: LoginGuard,
  ) {}

  async login(email: string, password: string, clientIp: string) {
    await this.guard.admit(email, clientIp);
    try {
      const session = await this.operators.login(email, password);
      await this.guard.succeeded(email);
      return session;
    } catch (error) {
      if (error instanceof UnauthenticatedError) await this.guard.failed(email);
      throw error;
    }
  }
}
