import type { GraphQLResponse, HttpResult, Transport } from '../core/ports';
import { CairnError, SdkErrorCode } from '../core/errors';
import { ErrorCode } from '@cairn/schema';

const timeoutMs = 120_000;

/** The `Transport` port over Node's global fetch (undici). */
export class FetchTransport implements Transport {
  constructor(private readonly graphqlUrl: string) {}

  async graphql<T>(
    query: string,
    variables: unknown,
    token: string | null,
  ): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await send(this.graphqlUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as GraphQLResponse<T>;
    } catch {
      const retryable = response.status >= 500 || response.status === 429;
      const code = response.status >= 500 ? ErrorCode.Internal : SdkErrorCode.ProtocolError;
      throw new CairnError(code, `GraphQL answered HTTP ${response.status}`, retryable);
    }
  }

  async put(
    url: string,
    parts: readonly Uint8Array[],
    headers: Record<string, string>,
  ): Promise<HttpResult> {
    // A stream of the parts with an explicit length: fetch would copy a buffer body whole.
    const length = parts.reduce((n, p) => n + p.length, 0);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    });
    const response = await send(url, {
      method: 'PUT',
      headers: { ...headers, 'content-length': String(length) },
      body,
      duplex: 'half',
    });
    return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
  }

  async get(url: string, headers: Record<string, string>): Promise<HttpResult> {
    const response = await send(url, { method: 'GET', headers });
    return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
  }
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new CairnError(
      SdkErrorCode.NetworkError,
      `cannot reach ${new URL(url).origin}: ${message}`,
      true,
    );
  }
}
