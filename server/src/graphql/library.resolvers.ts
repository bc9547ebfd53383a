import { ALL_TENANTS } from '../auth/actor';
import { readScope, requireDevice } from '../auth/policy';
import type { LibraryScope } from '../files/library.service';
import { BadInputError, NotFoundError } from '../errors';
import type {
  MutationResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from '../generated/resolvers';
import { checkPage } from '../identity/scoped-em';
import type { RequestContext } from './context';
import { visibleFile, visibleUser, visibleVersion } from './access';
import type { FileEventMessage } from '../events/file-events';

/**
 * Whose library a call reads: the device's own user; the user an operator or API key names; or,
 * for a tenant-scoped reader naming none, the whole tenant.
 */
export async function libraryScope(
  ctx: RequestContext,
  userId: string | null | undefined,
): Promise<LibraryScope> {
  if (ctx.actor.kind === 'DEVICE') {
    // A device reads only its own user's library; any other id is simply not there.
    if (userId && userId !== ctx.actor.userId) throw new NotFoundError('user', userId);
    return { tenantId: ctx.actor.tenantId, userId: ctx.actor.userId };
  }
  const scope = readScope(ctx.actor);
  if (!userId && scope !== ALL_TENANTS) return { tenantId: scope, userId: null };
  if (!userId) throw new BadInputError('userId is required to list files across tenants');
  const user = await visibleUser(ctx, userId);
  return { tenantId: user.tenantId, userId: user.id };
}

const maxPlansPerCall = 200;

export const libraryQueries: QueryResolvers<RequestContext> = {
  files: async (_, args, ctx) => {
    const owner = await libraryScope(ctx, args.userId);
    return ctx.services.library.files(owner, args.pathPrefix ?? null, checkPage(args, 1000));
  },
  file: (_, args, ctx) => visibleFile(ctx, args.id),
  fileByPath: (_, args, ctx) => {
    const device = requireDevice(ctx.actor);
    return ctx.services.library.fileByPath(device, args.path);
  },
  versions: async (_, args, ctx) =>
    ctx.services.library.versions(await visibleFile(ctx, args.fileId), checkPage(args, 1000)),
  version: (_, args, ctx) => visibleVersion(ctx, args.id),
  restorePlan: async (_, args, ctx) => {
    const { deviceId } = requireDevice(ctx.actor);
    return ctx.services.library.restorePlan(await visibleVersion(ctx, args.versionId), deviceId);
  },
  restorePlans: async (_, args, ctx) => {
    const { deviceId } = requireDevice(ctx.actor);
    if (args.versionIds.length > maxPlansPerCall) {
      throw new BadInputError(`restorePlans takes at most ${maxPlansPerCall} versions`);
    }
    // One unreadable version fails the call, as restorePlan would; the SDK then asks per file.
    const versions = await Promise.all(args.versionIds.map((id) => visibleVersion(ctx, id)));
    return Promise.all(
      versions.map((version) => ctx.services.library.restorePlan(version, deviceId)),
    );
  },
  userKey: (_, __, ctx) => {
    const device = requireDevice(ctx.actor);
    return ctx.services.devices.userKey(device.tenantId, device.userId);
  },
};

export const libraryMutations: MutationResolvers<RequestContext> = {
  prepareUpload: (_, args, ctx) =>
    ctx.services.uploads.prepare(requireDevice(ctx.actor), args.chunks),
  commitVersion: async (_, args, ctx) => {
    const [outcome] = await ctx.services.commits.commit(requireDevice(ctx.actor), [args.input]);
    return outcome!;
  },
  commitVersions: (_, args, ctx) =>
    ctx.services.commits.commit(requireDevice(ctx.actor), args.inputs),
};

export const librarySubscriptions: SubscriptionResolvers<RequestContext> = {
  fileEvents: {
    subscribe: async (_, args, ctx) => {
      const owner = await libraryScope(ctx, args.userId);
      if (!owner.userId) throw new BadInputError('userId is required');
      return ctx.services.events.subscribe(owner.tenantId, owner.userId);
    },
    resolve: (event: FileEventMessage) => event,
  },
};
