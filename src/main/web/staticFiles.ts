import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * Serves a file of the built renderer; false when `urlPath` names none (or escapes the root, or
 * is not valid percent-encoding). An HTML page goes through `transformHtml` (the policy <meta>).
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  headers: Record<string, string>,
  transformHtml: (html: string) => string = (html) => html,
): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return false;
  }
  const relative = normalize(decoded);
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  const html = extname(file) === '.html';
  const page = html ? Buffer.from(transformHtml(await readFile(file, 'utf8'))) : undefined;
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': page?.length ?? info.size,
    // Hashed asset names may be cached; the page itself is always fetched again.
    'Cache-Control': html ? 'no-store' : 'private, max-age=31536000',
  });
  if (page) res.end(page);
  else createReadStream(file).pipe(res);
  return true;
}
