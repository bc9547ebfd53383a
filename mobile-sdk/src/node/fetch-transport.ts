import { ErrorCode } from '@cairn/schema';
import { CairnError, SdkErrorCode } from '../core/errors';
import type { GraphQLResponse, HttpResult, Transport } from '../core/ports';

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
    const result = await send(this.graphqlUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    try {
      return JSON.parse(new TextDecoder().decode(result.body)) as GraphQLResponse<T>;
    } catch {
      const retryable = result.status >= 500 || result.status === 429;
      const code = result.status >= 500 ? ErrorCode.Internal : SdkErrorCode.ProtocolError;
      throw new CairnError(code, `GraphQL answered HTTP ${result.status}`, retryable);
    }
  }

  put(url: string, parts: readonly Uint8Array[], headers: Record<string, string>) {
    return sendBody('PUT', url, parts, headers);
  }

  post(url: string, parts: readonly Uint8Array[], headers: Record<string, string>) {
    return sendBody('POST', url, parts, headers);
  }

  get(url: string, headers: Record<string, string>): Promise<HttpResult> {
    return send(url, { method: 'GET', headers });
  }
}

/**
 * One contiguous body: a chunk is at most 4 MiB and a bundle 8 MiB, and one copy of that costs
 * far less CPU than streaming the parts through a web ReadableStream.
 */
function sendBody(
  method: string,
  url: string,
  parts: readonly Uint8Array[],
  headers: Record<string, string>,
) {
  const body = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  return send(url, { method, headers, body });
}

/**
 * One request, its body read in full, under a timeout that is cleared as soon as it is done:
 * `AbortSignal.timeout` would keep every request (and its chunk bytes) reachable until it fires.
 */
async function send(url: string, init: RequestInit): Promise<HttpResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timed out')), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    const origin = new URL(url).origin;
    throw new CairnError(SdkErrorCode.NetworkError, `cannot reach ${origin}: ${message}`, true);
  } finally {
    clearTimeout(timer);
  }
}
