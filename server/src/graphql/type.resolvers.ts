import type { Resolvers } from '../generated/resolvers';
import type { RequestContext } from './context';
import { restrictedFields } from './restricted-fields';
import { DateTimeScalar, Int64Scalar } from './scalars';

/** Fields that are not columns: counts and the head version, batched per request. */
export const typeResolvers: Resolvers<RequestContext> = {
  Int64: Int64Scalar,
  DateTime: DateTimeScalar,
  ...restrictedFields,
  Operator: {
    totpEnabled: (operator) => operator.totpEnabledAt !== null,
  },
  Tenant: {
    userCount: (tenant, _, ctx) => ctx.loaders.userCount.load(tenant.id),
  },
  TenantSettings: {
    tenantId: (tenant) => tenant.id,
    partnerIdps: (tenant, _, ctx) => ctx.services.partnerIdps.list(tenant.id),
  },
  EndUser: {
    deviceCount: (user, _, ctx) =>
      ctx.loaders.deviceCount.load({ tenantId: user.tenantId, id: user.id }),
    fileCount: (user, _, ctx) =>
      ctx.loaders.fileCount.load({ tenantId: user.tenantId, id: user.id }),
  },
  File: {
    head: (file, _, ctx) =>
      file.headId ? ctx.loaders.version.load({ tenantId: file.tenantId, id: file.headId }) : null,
  },
  FileEvent: {
    kind: () => 'VERSION_COMMITTED',
  },
};
