import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DocumentNode } from 'graphql';
import { parse, print } from 'graphql';

/** Apollo's persisted-query manifest, the shape `npm run codegen` writes for the SDK. */
interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: string; body: string }[];
}

/**
 * The operations an app's credentials may run. Documents are compared in printed form, so a
 * client that sends the same operation with other spacing or commas still matches, while any
 * change to what it selects does not.
 */
export class OperationAllowList {
  private readonly allowed: ReadonlySet<string>;
  /** Apollo hands the same parsed document back for a repeated query string. */
  private readonly answered = new WeakMap<DocumentNode, boolean>();

  constructor(bodies: Iterable<string>) {
    this.allowed = new Set([...bodies].map((body) => documentHash(parse(body))));
  }

  get size(): number {
    return this.allowed.size;
  }

  allows(document: DocumentNode): boolean {
    let answer = this.answered.get(document);
    if (answer === undefined) {
      answer = this.allowed.has(documentHash(document));
      this.answered.set(document, answer);
    }
    return answer;
  }
}

export function documentHash(document: DocumentNode): string {
  return createHash('sha256').update(print(document)).digest('hex');
}

/** Reads a manifest file; a file that is not one stops the server at start, not at a request. */
export async function loadOperationAllowList(path: string): Promise<OperationAllowList> {
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Partial<Manifest>;
  if (
    manifest.format !== 'apollo-persisted-query-manifest' ||
    manifest.version !== 1 ||
    !Array.isArray(manifest.operations)
  ) {
    throw new Error(`${path} is not an apollo-persisted-query-manifest, version 1`);
  }
  return new OperationAllowList(manifest.operations.map((operation) => operation.body));
}
