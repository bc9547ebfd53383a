import { ErrorCode } from '@cairn/schema';
import { CairnError, SdkErrorCode } from '../core/errors';
import type { GraphQLResponse, HttpResult, Transport } from '../core/ports';
import { sendParts } from './http-body';

const timeoutMs = 120_000;

/** The `Transport` port: GraphQL over Node's global fetch, chunk transfers over node:http. */
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
    return sendParts('PUT', url, parts, headers, timeoutMs);
  }

  post(url: string, parts: readonly Uint8Array[], headers: Record<string, string>) {
    return sendParts('POST', url, parts, headers, timeoutMs);
  }

  get(url: string, headers: Record<string, string>): Promise<HttpResult> {
    return sendParts('GET', url, [], headers, timeoutMs);
  }
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
