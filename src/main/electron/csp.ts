/**
 * The Content-Security-Policy of the app's own pages, the same for both shells. The renderer needs
 * nothing from the network except the loopback console gateway: its WebSockets (noVNC, SPICE,
 * xterm.js) and its HTTP transfer route (volume uploads PUT a file to it); the browser shell's page
 * also its own API WebSocket. Each is named with its port: no other server on 127.0.0.1.
 */
const STRICT: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // PatternFly and the console viewers set style attributes at run time.
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export interface CspOptions {
  /** The console gateway's port on 127.0.0.1. */
  gatewayPort: number;
  /** The browser shell's port (its page may be 127.0.0.1 or localhost); Electron has none. */
  shellPort?: number;
  /** Electron's dev server in development. */
  devServerUrl?: string | undefined;
}

/**
 * The policy string. With a dev server, Vite's React refresh preamble is an inline script and
 * its hot-reload socket is on the dev server's host, so dev mode alone loosens exactly those two.
 */
export function contentSecurityPolicy(options: CspOptions): string {
  const directives = { ...STRICT };
  const connect = [directives['connect-src']];
  if (options.shellPort !== undefined) {
    connect.push(`ws://127.0.0.1:${options.shellPort}`, `ws://localhost:${options.shellPort}`);
  }
  connect.push(`ws://127.0.0.1:${options.gatewayPort}`, `http://127.0.0.1:${options.gatewayPort}`);
  if (options.devServerUrl) {
    const dev = new URL(options.devServerUrl);
    directives['script-src'] = "'self' 'unsafe-inline'";
    connect.push(`${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`);
  }
  directives['connect-src'] = connect.join(' ');
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** The policy for a <meta> tag: without frame-ancestors, which a browser ignores (and logs) there. */
export function metaPolicy(policy: string): string {
  return policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors '))
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
