import type { TenantScope } from '../auth/actor';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import argon2 from 'argon2';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { OperatorRow } from '../db/entities';
import { OperatorEntity } from '../db/entities';
import { BadInputError, UnauthenticatedError } from '../errors';
import type { PageArgs } from './scoped-em';
import { platformEm } from './scoped-em';

const minPasswordLength = 12;
// argon2 takes any length; a cap keeps one request from hashing megabytes.
const maxPasswordLength = 1024;

export interface NewOperator {
  email: string;
  role: OperatorRow['role'];
  tenantId: string | null;
}

export class OperatorService {
  constructor(private readonly orm: MikroORM) {}

  /** The operator whose password this is; UNAUTHENTICATED for a wrong pair, timed alike. */
  async verifyPassword(email: string, password: string): Promise<OperatorRow> {
    const em = platformEm(this.orm);
    const operator = await em.findOne(OperatorEntity, { email: normaliseEmail(email) });
    // Verify against a throwaway hash when the email is unknown, so timing reveals nothing.
    const hash = operator?.passwordHash ?? (await dummyHash());
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!operator || !ok) throw new UnauthenticatedError('wrong email or password');
    return operator;
  }

  async create(
    input: NewOperator & { password: string; mustChangePassword?: boolean },
  ): Promise<OperatorRow> {
    const email = normaliseEmail(input.email);
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new BadInputError('email is not valid');
    const em = platformEm(this.orm);
    const operator = em.create(OperatorEntity, {
      id: randomUUID(),
      email,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      tenantId: input.tenantId,
      createdAt: new Date(),
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      mustChangePassword: input.mustChangePassword ?? false,
      disabledAt: null,
    });
    await em.flush();
    return operator;
  }

  /** A new operator with a password only the creator sees, to be replaced at first sign-in. */
  async createWithTemporaryPassword(input: NewOperator) {
    const temporaryPassword = newTemporaryPassword();
    const operator = await this.create({
      ...input,
      password: temporaryPassword,
      mustChangePassword: true,
    });
    return { operator, temporaryPassword };
  }

  /** Creates the first platform admin when there is no operator at all. */
  async ensureInitialAdmin(
    email: string,
    password: string | undefined,
    dataDir: string,
  ): Promise<{ email: string; passwordFile: string | null; created: boolean }> {
    const em = platformEm(this.orm);
    if ((await em.count(OperatorEntity, {})) > 0)
      return { email, passwordFile: null, created: false };
    const secret = password ?? randomBytes(18).toString('base64url');
    await this.create({ email, password: secret, role: 'PLATFORM_ADMIN', tenantId: null });
    if (password) return { email, passwordFile: null, created: true };
    const passwordFile = path.join(dataDir, 'initial-admin-password');
    await fs.writeFile(passwordFile, secret + '\n', { mode: 0o600 });
    return { email, passwordFile, created: true };
  }

  async list(tenantId: TenantScope, page: PageArgs) {
    const em = platformEm(this.orm);
    const where = tenantId === 'ALL' ? {} : { tenantId };
    const [items, total] = await em.findAndCount(OperatorEntity, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      ...page,
    });
    return { items, total };
  }

  async get(id: string): Promise<OperatorRow | null> {
    return platformEm(this.orm).findOne(OperatorEntity, { id });
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** argon2id of a password that passes the length rules; BAD_USER_INPUT otherwise. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < minPasswordLength) {
    throw new BadInputError(`password needs ${minPasswordLength}+ characters`);
  }
  if (password.length > maxPasswordLength) {
    throw new BadInputError(`password may have at most ${maxPasswordLength} characters`);
  }
  return argon2.hash(password, { type: argon2.argon2id });
}

/** 128 random bits as 22 URL-safe characters: typed once, then replaced. */
export function newTemporaryPassword(): string {
  return randomBytes(16).toString('base64url');
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= argon2.hash(randomBytes(16), { type: argon2.argon2id });
  return dummy;
}
