/**
 * The page's side of a volume transfer, as a browser does it: a PUT of the file's bytes to the
 * gateway URL with the page's Origin (fetch(url, {method: 'PUT', body: file})), and a GET that
 * reads the attachment back.
 */
import { request } from 'node:http';
import type { Readable } from 'node:stream';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function httpRequest(
  url: string,
  options: {
    method: string;
    origin?: string;
    body?: Buffer | Readable;
    contentLength?: number;
    headers?: Record<string, string>;
    /** Called with the request once it is under way (to abort it midway). */
    started?: (req: ReturnType<typeof request>) => void;
  },
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.origin) headers.Origin = options.origin;
    if (options.contentLength !== undefined)
      headers['Content-Length'] = String(options.contentLength);
    else if (Buffer.isBuffer(options.body)) headers['Content-Length'] = String(options.body.length);
    const req = request(url, { method: options.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    options.started?.(req);
    const body = options.body;
    if (body === undefined) req.end();
    else if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}
