import type { GraphQLSchema } from 'graphql';
import { defaultFieldResolver } from 'graphql';
import type { RequestContext } from '../graphql/context';
import type { CallerMeta } from './audit-event';
import type { MutationAnswer } from './mutation-events';
import { mutationEvent } from './mutation-events';
import { outcomeOfError } from './outcome';

export function callerOf(ctx: RequestContext): CallerMeta {
  return {
    actor: ctx.actor,
    requestId: ctx.requestId,
    clientIp: ctx.clientIp,
    userAgent: ctx.userAgent,
  };
}

/**
 * Wraps every field of the Mutation type, whatever resolver map it came from, so each call over
 * HTTP or graphql-ws lands one audit event, successful or not, before its answer is returned. A
 * new mutation needs no code here. The schema's own field objects are changed in place: they
 * are built for this process and nothing else holds them yet.
 */
export function auditMutationFields(schema: GraphQLSchema): GraphQLSchema {
  const fields = Object.values(schema.getMutationType()?.getFields() ?? {});
  for (const field of fields) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args: Record<string, unknown>, contextValue, info) => {
      const ctx = contextValue as RequestContext;
      let answer: MutationAnswer;
      let failure: { error: unknown } | null = null;
      try {
        answer = { result: await resolve(source, args, ctx, info) };
      } catch (error) {
        failure = { error };
        answer = { failedWith: outcomeOfError(error) };
      }
      const call = { schema: info.schema, field, args };
      await ctx.services.audit.record([mutationEvent(callerOf(ctx), call, answer)]);
      if (failure) throw failure.error;
      return 'result' in answer ? answer.result : null;
    };
  }
  return schema;
}
