import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { promisify } from 'node:util';

/** A self-signed certificate for 127.0.0.1, made now with the machine's openssl. */
export async function makeCertificate(dir: string) {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
    ...['-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1'],
    ...['-addext', 'subjectAltName=IP:127.0.0.1'],
  ]);
  return { certFile, keyFile, ca: await readFile(certFile) };
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request over https trusting `ca` (fetch cannot be given a CA without undici's Agent). */
export function httpsRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string; ca?: Buffer },
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, ca: init.ca, agent: false },
      (res) => {
        const pieces: Buffer[] = [];
        res.on('data', (piece: Buffer) => pieces.push(piece));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(pieces),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A GraphQL call over https; fails the test on any error. */
export async function gqlTls<T>(
  url: string,
  ca: Buffer,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const answer = await httpsRequest(`${url}/graphql`, {
    method: 'POST',
    ca,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = JSON.parse(answer.body.toString()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
