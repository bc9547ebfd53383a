import { ErrorCode, retryableCodes } from '@cairn/schema';
import { CairnError, SdkErrorCode, type CairnErrorCode } from './errors';
import type { HttpResult, Transport } from './ports';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './retry';
import { utf8 } from './bytes';
import { bundlePath, encodeBundle, type BundleItem, type BundleResult } from './chunk-bundle';

/** A typed GraphQL document as generated into `generated/operations.ts`. */
export interface Operation<TResult, TVariables> {
  toString(): string;
  __apiType?: (variables: TVariables) => TResult;
}

const knownCodes = new Set<string>([...Object.values(ErrorCode), ...Object.values(SdkErrorCode)]);

function asCode(code: unknown): CairnErrorCode {
  return typeof code === 'string' && knownCodes.has(code)
    ? (code as CairnErrorCode)
    : ErrorCode.Internal;
}

/** The server's API as the SDK calls it: typed operations, typed errors, retries. */
export class CairnApi {
  constructor(
    private readonly transport: Transport,
    readonly serverUrl: string,
    private token: string | null = null,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
  ) {}

  withToken(token: string): CairnApi {
    return new CairnApi(this.transport, this.serverUrl, token, this.retry);
  }

  request<TResult, TVariables>(
    operation: Operation<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    return withRetry(() => this.requestOnce(operation, variables), this.retry);
  }

  private async requestOnce<TResult, TVariables>(
    operation: Operation<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    const response = await this.transport.graphql<TResult>(
      operation.toString(),
      variables,
      this.token,
    );
    const first = response.errors?.[0];
    if (first) {
      const code = asCode(first.extensions?.code);
      const retryable = first.extensions?.retryable ?? retryableCodes.has(code as ErrorCode);
      throw new CairnError(code, first.message, retryable, first.extensions ?? {});
    }
    if (!response.data) throw new CairnError(SdkErrorCode.ProtocolError, 'empty GraphQL answer');
    return response.data;
  }

  resolve(url: string): string {
    return new URL(url, this.serverUrl).toString();
  }

  putChunk(url: string, stored: readonly Uint8Array[]): Promise<void> {
    return withRetry(async () => {
      const result = await this.transport.put(this.resolve(url), stored, {
        'content-type': 'application/octet-stream',
      });
      if (result.status !== 200 && result.status !== 201) throw httpError(result, 'upload');
    }, this.retry);
  }

  /** Whether the transport can send chunk bundles (a platform may only do PUTs). */
  get sendsBundles(): boolean {
    return this.transport.post !== undefined;
  }

  /** Sends small chunks in one request; one result per item, in order. */
  postBundle(items: readonly BundleItem[]): Promise<BundleResult[]> {
    const post = this.transport.post?.bind(this.transport);
    if (!post) throw new CairnError(SdkErrorCode.ProtocolError, 'this transport sends no bundles');
    const body = encodeBundle(items);
    return withRetry(async () => {
      const result = await post(this.resolve(bundlePath), body, {
        'content-type': 'application/octet-stream',
      });
      if (result.status !== 200) throw httpError(result, 'bundle upload');
      const answer = JSON.parse(utf8.decode(result.body)) as { results?: BundleResult[] };
      if (answer.results?.length !== items.length) {
        throw new CairnError(SdkErrorCode.ProtocolError, 'bundle answer does not match the bundle');
      }
      return answer.results;
    }, this.retry);
  }

  getChunk(url: string): Promise<Uint8Array> {
    return withRetry(async () => {
      const result = await this.transport.get(this.resolve(url), {});
      if (result.status !== 200) throw httpError(result, 'download');
      return result.body;
    }, this.retry);
  }
}

/** Maps a data-plane answer `{code, message}` to a typed error; 5xx and 429 are retryable. */
export function httpError(result: HttpResult, what: string): CairnError {
  let code: CairnErrorCode = result.status >= 500 ? ErrorCode.Internal : SdkErrorCode.ProtocolError;
  let message = `${what} failed with HTTP ${result.status}`;
  const details: Record<string, unknown> = { status: result.status };
  try {
    const body = JSON.parse(utf8.decode(result.body)) as {
      code?: unknown;
      message?: unknown;
      retryAfterSeconds?: unknown;
    };
    if (typeof body.code === 'string') code = asCode(body.code);
    if (typeof body.message === 'string') message = `${what} failed: ${body.message}`;
    if (typeof body.retryAfterSeconds === 'number') {
      details.retryAfterSeconds = body.retryAfterSeconds;
    }
  } catch {
    // Not every failure (a proxy's 502 page) has a JSON body; the status alone decides.
  }
  const retryable = result.status >= 500 || result.status === 429;
  return new CairnError(code, message, retryable, details);
}
