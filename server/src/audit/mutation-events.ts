import type {
  DefinitionNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';
import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  OperationTypeNode,
} from 'graphql';
import type { Actor } from '../auth/actor';
import { isUuid } from '../identity/ids';
import type { AuditEventInput, AuditTarget, CallerMeta } from './audit-event';
import { actorIdOf, actorTenantOf, clip } from './audit-event';
import { itemsOf, outcomeOfResult } from './outcome';
import { summariseArguments } from './redact';
import {
  collectArgumentTargets,
  collectResultTargets,
  recordKindOf,
  resultTenantOf,
  TargetCollector,
} from './targets';

export interface MutationCall {
  schema: GraphQLSchema;
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
}

/** What the field answered: its result, or the public code it failed with. */
export type MutationAnswer = { result: unknown } | { failedWith: string };

/** The one event a mutation field makes, whatever the field. */
export function mutationEvent(
  caller: CallerMeta,
  call: MutationCall,
  answer: MutationAnswer,
): AuditEventInput {
  const targets = new TargetCollector();
  collectArgumentTargets(
    targets,
    call.schema,
    call.field.args,
    call.args,
    recordKindOf(call.field.type),
  );
  const succeeded = 'result' in answer;
  if (succeeded) collectResultTargets(targets, call.field.type, answer.result);
  const resultTenant = succeeded ? resultTenantOf(call.field.type, answer.result) : null;
  return {
    occurredAt: new Date(),
    tenantId: tenantOf(caller.actor, resultTenant, targets.targets),
    actorKind: caller.actor.kind,
    actorId: actorIdOf(caller.actor),
    operation: call.field.name,
    targets: targets.targets,
    outcome: succeeded ? outcomeOfResult(answer.result) : answer.failedWith,
    clientIp: caller.clientIp,
    userAgent: clip(caller.userAgent),
    requestId: clip(caller.requestId, 100),
    arguments: summariseArguments(call.args),
    items: succeeded ? itemsOf(answer.result) : null,
  };
}

/**
 * A caller's own tenant always wins, so a tenant's credentials can never write into another
 * tenant's log. Callers without one (platform admins, sign-in) file the event under the tenant
 * the result belongs to or the arguments name, when there is one.
 */
function tenantOf(
  actor: Actor,
  resultTenant: string | null,
  targets: readonly AuditTarget[],
): string | null {
  const own = actorTenantOf(actor);
  if (own) return own;
  const named = resultTenant ?? targets.find((target) => target.kind === 'Tenant')?.id ?? null;
  return named && isUuid(named) ? named.toLowerCase() : null;
}

export interface RefusedRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * A mutation refused before any field ran (bad credential, tenant status, budget, invalid
 * document or variables) is one event per root field the document names, with the arguments
 * that could be read and the code the request failed with.
 */
export function refusedMutationEvents(
  schema: GraphQLSchema,
  request: RefusedRequest,
  failedWith: string,
  caller: CallerMeta,
): AuditEventInput[] {
  const operation = getOperationAST(request.document, request.operationName);
  const mutation = schema.getMutationType();
  if (operation?.operation !== OperationTypeNode.MUTATION || !mutation) return [];
  const variables = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    request.variables ?? {},
  );
  return rootFields(request.document, operation.selectionSet).flatMap((node) => {
    const field = mutation.getFields()[node.name.value];
    if (!field) return [];
    const args = variables.coerced ? argumentsOf(field, node, variables.coerced) : {};
    return [mutationEvent(caller, { schema, field, args }, { failedWith })];
  });
}

function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}

/** The operation's top-level fields, through fragments; @skip and @include are not read. */
function rootFields(document: DocumentNode, selectionSet: SelectionSetNode): FieldNode[] {
  const fragments = new Map(
    document.definitions.filter(isFragment).map((fragment) => [fragment.name.value, fragment]),
  );
  const fields: FieldNode[] = [];
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return fields;
}

const isFragment = (definition: DefinitionNode): definition is FragmentDefinitionNode =>
  definition.kind === Kind.FRAGMENT_DEFINITION;
