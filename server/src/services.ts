import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { AuditLog } from './audit/audit-log';
import { Authenticator } from './auth/authenticate';
import { LoginGuard } from './auth/login-guard';
import { RateLimits } from './auth/rate-limits';
import { UsageToucher } from './auth/usage-toucher';
import type { Config } from './config';
import type { FileEventBus } from './events/file-events';
import { CommitService } from './files/commit.service';
import { LibraryService } from './files/library.service';
import { HistoryService } from './files/history.service';
import { UploadService } from './files/upload.service';
import { ApiKeyService } from './identity/api-keys.service';
import { DeviceService } from './identity/devices.service';
import { EndUserService } from './identity/end-users.service';
import { OperatorLogin } from './identity/operator-login';
import { OperatorService } from './identity/operators.service';
import { TenantService } from './identity/tenants.service';
import type { JobRunner } from './jobs/queue';
import { OperatorAdmin } from './operators/operator-admin';
import { OperatorSelfService } from './operators/operator-self-service';
import { OperatorSessions } from './operators/operator-sessions';
import { SecondFactor } from './operators/second-factor';
import type { ServerKeys } from './keys/key-file';
import type { Logger } from './logger';
import { PartnerIdpService } from './partners/partner-idps.service';
import { PartnerSignIn } from './partners/partner-sign-in';
import { PartnerTokenVerifier } from './partners/partner-token.verifier';
import { ScrubService } from './scrub/scrub.service';
import { TenantSettingsService } from './settings/tenant-settings.service';
import type { BlobStore } from './storage/blob-store';
import { TrashService } from './trash/trash.service';

/** Every service, built once per process; each gets only what it uses. */
export interface Services {
  config: Config;
  pool: pg.Pool;
  orm: MikroORM;
  blobs: BlobStore;
  events: FileEventBus;
  auth: Authenticator;
  rateLimits: RateLimits;
  operators: OperatorService;
  operatorLogin: OperatorLogin;
  operatorSelf: OperatorSelfService;
  operatorAdmin: OperatorAdmin;
  tenants: TenantService;
  settings: TenantSettingsService;
  partnerIdps: PartnerIdpService;
  partnerSignIn: PartnerSignIn;
  apiKeys: ApiKeyService;
  endUsers: EndUserService;
  devices: DeviceService;
  uploads: UploadService;
  commits: CommitService;
  library: LibraryService;
  scrub: ScrubService;
  history: HistoryService;
  trash: TrashService;
  audit: AuditLog;
}

export function createServices(deps: {
  config: Config;
  pool: pg.Pool;
  auditPool: pg.Pool;
  orm: MikroORM;
  blobs: BlobStore;
  events: FileEventBus;
  redis: Redis;
  keys: ServerKeys;
  jobs: JobRunner;
  log: Logger;
}): Services {
  const { config, pool, auditPool, orm, blobs, events, redis, keys, jobs, log } = deps;
  const operators = new OperatorService(orm);
  const loginGuard = new LoginGuard(redis, config.queuePrefix, config.rateLimits);
  const secondFactor = new SecondFactor(pool, keys.operatorSecretsKey);
  const sessions = new OperatorSessions(pool, keys.tokenSecret, config.sessions);
  const tenants = new TenantService(orm);
  const endUsers = new EndUserService(orm, pool, keys.tokenSecret);
  const partnerIdps = new PartnerIdpService(orm);
  const verifier = new PartnerTokenVerifier(log.child({ module: 'partner-tokens' }));
  return {
    config,
    pool,
    orm,
    blobs,
    events,
    auth: new Authenticator(pool, keys.tokenSecret, new UsageToucher(pool, log)),
    rateLimits: new RateLimits(
      redis,
      config.queuePrefix,
      config.rateLimits,
      log.child({ module: 'rate-limits' }),
    ),
    operators,
    operatorLogin: new OperatorLogin(operators, loginGuard, secondFactor, sessions),
    operatorSelf: new OperatorSelfService(pool, operators, secondFactor, sessions, loginGuard),
    operatorAdmin: new OperatorAdmin(pool, operators, secondFactor, sessions, loginGuard),
    tenants,
    settings: new TenantSettingsService(orm),
    partnerIdps,
    partnerSignIn: new PartnerSignIn(partnerIdps, verifier, tenants, endUsers),
    apiKeys: new ApiKeyService(orm),
    endUsers,
    devices: new DeviceService(orm, pool, keys.tenantKmsKey),
    uploads: new UploadService(pool, keys.tokenSecret),
    commits: new CommitService(pool, events, log.child({ module: 'commits' })),
    library: new LibraryService(pool, keys.tokenSecret),
    scrub: new ScrubService(orm, jobs),
    history: new HistoryService(pool),
    trash: new TrashService(pool, log.child({ module: 'trash' })),
    audit: new AuditLog(auditPool, orm, log.child({ module: 'audit' })),
  };
}
