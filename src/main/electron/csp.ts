/**
 * The Content-Security-Policy of the app's own pages. The renderer needs nothing from the network
 * except the loopback console gateway: its WebSockets (noVNC, SPICE, xterm.js talk to 127.0.0.1)
 * and its HTTP transfer route (volume uploads PUT a file to it).
 */
const STRICT: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // PatternFly and the console viewers set style attributes at run time.
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self' ws://127.0.0.1:* http://127.0.0.1:*",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/**
 * The policy string. With a dev server, Vite's React refresh preamble is an inline script and
 * its hot-reload socket is on the dev server's host, so dev mode alone loosens exactly those two.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const directives = { ...STRICT };
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    const ws = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
    directives['script-src'] = "'self' 'unsafe-inline'";
    directives['connect-src'] = `${directives['connect-src']} ${ws}`;
  }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

type Headers = Record<string, string[] | string>;

/** The response headers with our policy in place of any the response carried (any letter case). */
export function withCsp(headers: Headers | undefined, policy: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}
