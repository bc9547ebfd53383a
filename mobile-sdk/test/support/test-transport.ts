import { CairnError, SdkErrorCode } from '../../src/core/errors';
import type { HttpResult, Transport } from '../../src/core/ports';

type Hook = () => Promise<void>;
const networkError = () => new CairnError(SdkErrorCode.NetworkError, 'cable pulled', true);
const busy = new TextEncoder().encode(
  JSON.stringify({ code: 'INTERNAL_SERVER_ERROR', message: 'busy' }),
);

/**
 * The real transport with client-side fault injection and counters: it answers the next N
 * uploads with a 503 or fails the next downloads as a pulled cable would, and otherwise
 * delegates, so the SDK's retry logic meets the real server.
 */
export class TestTransport implements Transport {
  uploads = 0;
  puts = 0;
  posts = 0;
  gets = 0;
  inFlightUploads = 0;
  maxInFlightUploads = 0;
  prepareCalls = 0;
  commitCalls = 0;
  /** Answer the next N uploads (PUT or bundle POST) with a 503, without sending them. */
  failNextUploads = 0;
  /** Once this many more downloads were served, every further one fails (null: never). */
  downloadsBeforeCut: number | null = null;
  /** Runs once, just before the next commit batch reaches the server. */
  beforeNextCommit: Hook | null = null;
  /** Runs once, just before the next batch of moves reaches the server. */
  beforeNextMove: Hook | null = null;

  constructor(private readonly inner: Transport) {
    if (!inner.post) this.post = undefined;
  }

  async graphql<T>(query: string, variables: unknown, token: string | null) {
    const name = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
    if (name === 'PrepareUpload') this.prepareCalls++;
    if (name === 'CommitVersions') this.commitCalls++;
    if (name === 'CommitVersions' && this.beforeNextCommit) {
      const hook = this.beforeNextCommit;
      this.beforeNextCommit = null;
      await hook();
    }
    if (name === 'MoveFiles' && this.beforeNextMove) {
      const hook = this.beforeNextMove;
      this.beforeNextMove = null;
      await hook();
    }
    return this.inner.graphql<T>(query, variables, token);
  }

  put(url: string, body: readonly Uint8Array[], headers: Record<string, string>) {
    this.puts++;
    return this.upload(() => this.inner.put(url, body, headers));
  }

  post?: Transport['post'] = (url, body, headers) => {
    this.posts++;
    return this.upload(() => this.inner.post!(url, body, headers));
  };

  async get(url: string, headers: Record<string, string>): Promise<HttpResult> {
    if (this.downloadsBeforeCut !== null) {
      if (this.downloadsBeforeCut === 0) throw networkError();
      this.downloadsBeforeCut--;
    }
    this.gets++;
    return this.inner.get(url, headers);
  }

  private async upload(send: () => Promise<HttpResult>): Promise<HttpResult> {
    this.uploads++;
    this.inFlightUploads++;
    this.maxInFlightUploads = Math.max(this.maxInFlightUploads, this.inFlightUploads);
    try {
      if (this.failNextUploads > 0) {
        this.failNextUploads--;
        return { status: 503, body: busy };
      }
      return await send();
    } finally {
      this.inFlightUploads--;
    }
  }
}

/** The same transport without bundle POSTs, as on a platform that only PUTs each chunk. */
export function putOnly(inner: Transport): Transport {
  return {
    graphql: (query, variables, token) => inner.graphql(query, variables, token),
    put: (url, body, headers) => inner.put(url, body, headers),
    get: (url, headers) => inner.get(url, headers),
  };
}
