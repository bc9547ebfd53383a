import { manageScope } from '../auth/policy';
import { BadInputError, NotFoundError } from '../errors';
import type { LibraryScope } from '../files/library.service';
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers';
import { checkOptionalId } from '../identity/ids';
import { checkPage } from '../identity/scoped-em';
import type { TrashScope } from '../trash/trash.service';
import { visibleUser } from './access';
import type { RequestContext } from './context';
import { libraryScope } from './library.resolvers';

/** An end user (or one of their devices) acts on its own library only. */
function ownLibrary(ctx: RequestContext, userId: string | null | undefined) {
  const { actor } = ctx;
  if (actor.kind !== 'USER' && actor.kind !== 'DEVICE') return null;
  if (userId && userId !== actor.userId) throw new NotFoundError('user', userId);
  return { tenantId: actor.tenantId, userId: actor.userId };
}

async function readerScope(ctx: RequestContext, userId: string | null | undefined) {
  return ownLibrary(ctx, userId) ?? libraryScope(ctx, userId);
}

/** Whose files a change may touch; viewers are refused before anything is read. */
async function writerScope(
  ctx: RequestContext,
  userId: string | null | undefined,
): Promise<TrashScope> {
  const own = ownLibrary(ctx, userId);
  if (own) return own;
  const scope = manageScope(ctx.actor);
  const tenantId = scope === 'ALL' ? null : scope;
  const id = checkOptionalId(userId, 'userId');
  if (!id) return { tenantId, userId: null };
  const user = await visibleUser(ctx, id);
  return { tenantId: user.tenantId, userId: user.id };
}

const deviceOf = (ctx: RequestContext) => (ctx.actor.kind === 'DEVICE' ? ctx.actor.deviceId : null);

export const trashQueries: QueryResolvers<RequestContext> = {
  trash: async (_, args, ctx) => {
    const owner: LibraryScope = await readerScope(ctx, args.userId);
    return ctx.services.trash.list(owner, checkPage(args, 1000));
  },
  libraryAt: async (_, args, ctx) => {
    const owner = await readerScope(ctx, args.userId);
    if (!owner.userId) throw new BadInputError('userId is required');
    const page = checkPage(args, 1000);
    return ctx.services.history.libraryAt(
      { tenantId: owner.tenantId, userId: owner.userId },
      args.at,
      args.pathPrefix ?? null,
      page,
    );
  },
};

export const trashMutations: MutationResolvers<RequestContext> = {
  deleteFiles: async (_, args, ctx) =>
    ctx.services.trash.delete(await writerScope(ctx, null), deviceOf(ctx), args.inputs),
  moveFiles: async (_, args, ctx) =>
    ctx.services.trash.move(await writerScope(ctx, null), args.inputs),
  restoreFiles: async (_, args, ctx) =>
    ctx.services.trash.restore(await writerScope(ctx, null), deviceOf(ctx), args.fileIds),
  emptyTrash: async (_, args, ctx) => {
    const purged = await ctx.services.trash.empty(
      await writerScope(ctx, args.userId),
      args.fileIds ?? null,
    );
    return { ...purged, bytesReleased: purged.bytesReleased.toString() };
  },
};
