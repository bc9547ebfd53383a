import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print } from 'graphql';
import * as operations from '../generated/operations';

/** Where the SDK's manifest is kept; a server points `CAIRN_OPERATION_ALLOWLIST` at it. */
export const manifestPath = join(__dirname, '..', '..', 'operations.json');

/**
 * Every operation the SDK sends, as an Apollo persisted-query manifest: what a server needs to
 * hold devices and end users to the SDK's own operations.
 */
export function sdkOperationManifest() {
  const documents = Object.values(operations as Record<string, unknown>).filter(
    (value) => value instanceof operations.TypedDocumentString,
  );
  const entries = documents.flatMap((document) => {
    const body = print(parse(String(document)));
    // Fragments are exported on their own too; they travel only inside an operation.
    const operation = parse(body).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind !== Kind.OPERATION_DEFINITION || !operation.name) return [];
    const id = createHash('sha256').update(body).digest('hex');
    return [{ id, name: operation.name.value, type: operation.operation, body }];
  });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: entries };
}

export function manifestText(): string {
  return `${JSON.stringify(sdkOperationManifest(), null, 2)}\n`;
}

if (require.main === module) writeFileSync(manifestPath, manifestText());
