import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@cairn/schema';
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions } from 'graphql';
import { parse } from 'graphql';
import type { RequestContext } from '../graphql/context';
import type { CallerMeta } from './audit-event';
import type { AuditLog } from './audit-log';
import type { RefusedRequest } from './mutation-events';
import { refusedMutationEvents } from './mutation-events';
import { callerOf } from './audited-mutations';

/** Records a mutation that was refused before any of its fields ran. Never throws. */
export type RefusalRecorder = (
  request: RefusedRequest,
  failedWith: string,
  caller: CallerMeta,
) => Promise<void>;

export function refusalRecorder(schema: GraphQLSchema, audit: AuditLog): RefusalRecorder {
  return async (request, failedWith, caller) => {
    let events;
    try {
      events = refusedMutationEvents(schema, request, failedWith, caller);
    } catch {
      // A document too broken to read names no operation to record.
      return;
    }
    await audit.record(events);
  };
}

/**
 * For an HTTP body whose context could not be built (bad credential, suspended tenant, spent
 * budget): the body is only parsed here, for the record, with the same token limit.
 */
export async function recordRefusedBody(
  record: RefusalRecorder,
  body: unknown,
  parseOptions: ParseOptions,
  failedWith: string,
  caller: CallerMeta,
): Promise<void> {
  if (typeof body !== 'object' || body === null || !('query' in body)) return;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string') return;
  let document;
  try {
    document = parse(query, parseOptions);
  } catch {
    return;
  }
  await record(
    {
      document,
      operationName: typeof operationName === 'string' ? operationName : null,
      variables: isVariables(variables) ? variables : null,
    },
    failedWith,
    caller,
  );
}

/**
 * Apollo answers without `data` when a request never reached execution: a failed validation,
 * the operation guard (tenant status, introspection) or variables that did not coerce.
 */
export function auditRefusalsPlugin(record: RefusalRecorder): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: async ({ request, document, response, contextValue }) => {
          if (response.body.kind !== 'single' || !document) return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          await record(
            { document, operationName: request.operationName, variables: request.variables },
            codeOf(errors[0]!),
            callerOf(contextValue),
          );
        },
      }),
  };
}

/** The errors here are already formatted, so their code is the public one. */
export function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : ErrorCode.Internal;
}

function isVariables(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
