import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { CairnError, SdkErrorCode } from '../core/errors';
import type { HttpResult } from '../core/ports';

// Kept-alive sockets, as fetch keeps them, so chunk uploads do not pay a handshake each.
const agents = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
};

/**
 * Sends `parts` as one body with node:http, writing each part straight to the socket: fetch
 * would copy a body whole (and we would first join the parts), twice per chunk byte.
 */
export function sendParts(
  method: string,
  url: string,
  parts: readonly Uint8Array[],
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpResult> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const length = parts.reduce((n, p) => n + p.length, 0);
  return new Promise<HttpResult>((resolve, reject) => {
    const fail = (error: Error) => {
      const origin = target.origin;
      reject(
        new CairnError(SdkErrorCode.NetworkError, `cannot reach ${origin}: ${error.message}`, true),
      );
    };
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method,
        headers: method === 'GET' ? headers : { ...headers, 'content-length': String(length) },
        agent: secure ? agents.https : agents.http,
        timeout: timeoutMs,
      },
      (res: IncomingMessage) => {
        const pieces: Buffer[] = [];
        res.on('data', (piece: Buffer) => pieces.push(piece));
        res.on('error', fail);
        res.on('end', () => {
          const body = Buffer.concat(pieces);
          resolve({
            status: res.statusCode ?? 0,
            body: new Uint8Array(body.buffer, body.byteOffset, body.length),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', fail);
    for (const part of parts) req.write(part);
    req.end();
  });
}
