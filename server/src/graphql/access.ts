import { canReadTenant, readScope } from '../auth/policy';
import type { EndUserRow, FileRow, VersionRow } from '../db/entities';
import { NotFoundError, UnauthenticatedError } from '../errors';
import { checkId } from '../identity/ids';
import type { RequestContext } from './context';

/**
 * Finds rows the caller may see. Anything outside the caller's reach is NOT_FOUND, never
 * FORBIDDEN, so ids from another tenant reveal nothing.
 */
export async function visibleUser(ctx: RequestContext, id: string): Promise<EndUserRow> {
  const userId = checkId(id, 'userId');
  const scope = readScope(ctx.actor);
  const user =
    scope === 'ALL'
      ? await ctx.services.endUsers.getAnyTenant(userId)
      : await ctx.services.endUsers.get(scope, userId);
  if (!user) throw new NotFoundError('user', userId);
  return user;
}

/** The tenant a reader names, or its own when it names none. */
export function readableTenant(ctx: RequestContext, tenantId: string | null | undefined) {
  if (tenantId === null || tenantId === undefined) return readScope(ctx.actor);
  const id = checkId(tenantId, 'tenantId');
  if (!canReadTenant(ctx.actor, id)) throw new NotFoundError('tenant', id);
  return id;
}

export async function visibleFile(ctx: RequestContext, id: string): Promise<FileRow> {
  const fileId = checkId(id, 'fileId');
  const { actor } = ctx;
  if (actor.kind === 'ANONYMOUS') throw new UnauthenticatedError();
  const file =
    actor.kind === 'DEVICE'
      ? await ctx.services.library.file(actor.tenantId, fileId)
      : await ctx.services.library.file(readScope(actor), fileId);
  if (!file || (actor.kind === 'DEVICE' && file.userId !== actor.userId)) {
    throw new NotFoundError('file', fileId);
  }
  return file;
}

export async function visibleVersion(ctx: RequestContext, id: string): Promise<VersionRow> {
  const versionId = checkId(id, 'versionId');
  const { actor } = ctx;
  if (actor.kind === 'ANONYMOUS') throw new UnauthenticatedError();
  const version =
    actor.kind === 'DEVICE'
      ? await ctx.services.library.version(actor.tenantId, versionId)
      : await ctx.services.library.version(readScope(actor), versionId);
  if (!version || (actor.kind === 'DEVICE' && version.userId !== actor.userId)) {
    throw new NotFoundError('version', versionId);
  }
  return version;
}
