import type { TenantScope } from '../auth/actor';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import argon2 from 'argon2';
import type { MikroORM } from '@mikro-orm/postgresql';
import { signSession } from '../auth/session-tokens';
import type { OperatorRow } from '../db/entities';
import { OperatorEntity } from '../db/entities';
import { BadInputError, UnauthenticatedError } from '../errors';
import type { PageArgs } from './scoped-em';
import { platformEm } from './scoped-em';

const sessionTtlSeconds = 3600;

export class OperatorService {
  constructor(
    private readonly orm: MikroORM,
    private readonly tokenSecret: Buffer,
  ) {}

  async login(email: string, password: string) {
    const em = platformEm(this.orm);
    const operator = await em.findOne(OperatorEntity, { email: email.trim().toLowerCase() });
    // Verify against a throwaway hash when the email is unknown, so timing reveals nothing.
    const hash = operator?.passwordHash ?? (await dummyHash());
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!operator || !ok) throw new UnauthenticatedError('wrong email or password');
    const session = await signSession(
      this.tokenSecret,
      { typ: 'operator', sub: operator.id },
      sessionTtlSeconds,
    );
    return { ...session, operator };
  }

  async create(input: {
    email: string;
    password: string;
    role: OperatorRow['role'];
    tenantId: string | null;
  }): Promise<OperatorRow> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new BadInputError('email is not valid');
    if (input.password.length < 12) throw new BadInputError('password needs 12+ characters');
    const em = platformEm(this.orm);
    const operator = em.create(OperatorEntity, {
      id: randomUUID(),
      email,
      passwordHash: await argon2.hash(input.password, { type: argon2.argon2id }),
      role: input.role,
      tenantId: input.tenantId,
      createdAt: new Date(),
    });
    await em.flush();
    return operator;
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

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= argon2.hash(randomBytes(16), { type: argon2.argon2id });
  return dummy;
}
