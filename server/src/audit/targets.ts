import type {
  GraphQLArgument,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
} from 'graphql';
import {
  getNamedType,
  isInputObjectType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { AuditTarget } from './audit-event';
import { clip } from './audit-event';

/**
 * Finds what a call acted on without knowing the call: every argument (or input field) the
 * schema types `ID` names a record, and so does every `id` of the object the field returns and
 * of the objects one level inside it. Kinds are GraphQL type names. A bare `id` argument names
 * a record of the kind the field returns (`revokeDevice(id)` a Device); `<thing>Id(s)` a type
 * whose name matches the thing (`fileIds` File, `baseVersionId` Version, `userId` EndUser).
 */
const maxTargets = 50;

export class TargetCollector {
  private readonly seen = new Map<string, AuditTarget>();

  add(kind: string, id: unknown): void {
    if (typeof id !== 'string' || id === '' || this.seen.size >= maxTargets) return;
    const target = { kind, id: clip(id, 100)! };
    this.seen.set(`${target.kind}/${target.id}`, target);
  }

  get targets(): AuditTarget[] {
    return [...this.seen.values()];
  }
}

/**
 * The record type a field's result stands for: its own type if it has an id, else the first
 * field of it that is one (CreatedApiKey.apiKey, Session.operator).
 */
export function recordKindOf(type: GraphQLOutputType): string | null {
  const named = getNamedType(type);
  if (!isObjectType(named)) return null;
  if (hasId(named)) return named.name;
  for (const field of Object.values(named.getFields())) {
    const inner = getNamedType(field.type);
    if (isObjectType(inner) && hasId(inner)) return inner.name;
  }
  return null;
}

export function collectArgumentTargets(
  into: TargetCollector,
  schema: GraphQLSchema,
  definitions: readonly GraphQLArgument[],
  values: Record<string, unknown>,
  ownKind: string | null,
): void {
  for (const definition of definitions) {
    walkInput(into, schema, definition.name, definition.type, values[definition.name], ownKind);
  }
}

function walkInput(
  into: TargetCollector,
  schema: GraphQLSchema,
  name: string,
  type: GraphQLInputType,
  value: unknown,
  ownKind: string | null,
): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return walkInput(into, schema, name, type.ofType, value, ownKind);
  if (isListType(type)) {
    if (!Array.isArray(value)) return;
    for (const item of value) walkInput(into, schema, name, type.ofType, item, ownKind);
    return;
  }
  if (isScalarType(type) && type.name === 'ID') {
    into.add(kindForIdName(schema, name, ownKind), value);
    return;
  }
  if (isInputObjectType(type) && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    for (const field of Object.values(type.getFields())) {
      walkInput(into, schema, field.name, field.type, fields[field.name], ownKind);
    }
  }
}

/** Every `id` of the returned object(s) and of the objects they hold directly. */
export function collectResultTargets(
  into: TargetCollector,
  type: GraphQLOutputType,
  value: unknown,
): void {
  for (const item of asItems(value)) {
    const named = getNamedType(type);
    if (!isObjectType(named) || !isRecord(item)) continue;
    if (hasId(named)) into.add(named.name, item.id);
    for (const field of Object.values(named.getFields())) {
      const inner = getNamedType(field.type);
      if (!isObjectType(inner) || !hasId(inner)) continue;
      for (const child of asItems(item[field.name])) {
        if (isRecord(child)) into.add(inner.name, child.id);
      }
    }
  }
}

/**
 * The tenant a result belongs to, for callers that have none of their own (platform admins,
 * sign-in): a Tenant's id, or the `tenantId` of the result or of an object inside it.
 */
export function resultTenantOf(type: GraphQLOutputType, value: unknown): string | null {
  const named = getNamedType(type);
  if (!isObjectType(named) || !isRecord(value)) return null;
  if (named.name === 'Tenant' && typeof value.id === 'string') return value.id;
  if (typeof value.tenantId === 'string') return value.tenantId;
  for (const field of Object.values(named.getFields())) {
    const child = value[field.name];
    if (isRecord(child) && typeof child.tenantId === 'string') return child.tenantId;
  }
  return null;
}

const kindCache = new WeakMap<GraphQLSchema, Map<string, string>>();

function kindForIdName(schema: GraphQLSchema, name: string, ownKind: string | null): string {
  const stem = name.replace(/Ids?$/, '');
  if (stem === '' || stem === 'id') return ownKind ?? 'Record';
  let cache = kindCache.get(schema);
  if (!cache) kindCache.set(schema, (cache = new Map<string, string>()));
  let kind = cache.get(stem);
  if (kind === undefined) {
    kind = matchRecordType(schema, stem);
    cache.set(stem, kind);
  }
  return kind;
}

function matchRecordType(schema: GraphQLSchema, stem: string): string {
  const thing = stem.charAt(0).toUpperCase() + stem.slice(1);
  const records = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !isIntrospectionType(type) && hasId(type))
    .map((type) => type.name);
  const exact = records.find((type) => type === thing);
  const longer = records.filter((type) => type.endsWith(thing));
  const shorter = records
    .filter((type) => thing.endsWith(type))
    .sort((a, b) => b.length - a.length);
  return exact ?? (longer.length === 1 ? longer[0]! : undefined) ?? shorter[0] ?? thing;
}

function hasId(type: GraphQLObjectType): boolean {
  const id = type.getFields().id;
  return id !== undefined && getNamedType(id.type).name === 'ID';
}

function asItems(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
