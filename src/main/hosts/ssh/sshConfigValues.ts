import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';

/** One hop of ProxyJump. `host` may itself be an alias: the caller resolves it like any host. */
export interface JumpHop {
  host: string;
  user?: string;
  port?: number;
}

type BadValue =
  | 'ssh.badTime'
  | 'ssh.timeTooLarge'
  | 'ssh.jumpBadUser'
  | 'ssh.jumpEmptyUser'
  | 'ssh.jumpBadHost'
  | 'ssh.jumpBadHostIn'
  | 'ssh.jumpBadPort';

function bad(keyword: string, value: string, why: BadValue, part = ''): VirtdeckError {
  return new VirtdeckError('invalid-input', msg(why, { keyword, value, part }));
}

/**
 * Expands %x tokens (ssh_config(5) TOKENS). Each keyword accepts its own set, passed in `tokens`;
 * like ssh, an unknown token is an error rather than being passed through literally.
 */
export function expandTokens(
  value: string,
  tokens: Readonly<Record<string, string>>,
  keyword: string,
): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const t = value[++i];
    if (t === '%') out += '%';
    else if (t !== undefined && Object.hasOwn(tokens, t)) out += tokens[t];
    else
      throw new VirtdeckError(
        'invalid-input',
        msg('ssh.badToken', { keyword, value, token: t ?? '' }),
      );
  }
  return out;
}

const TIME_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

/** ssh's time format: "90", "1m30s", "2h"; the units s m h d w may be combined. */
export function parseTime(value: string, keyword: string): number {
  if (!/^(\d+[smhdw]?)+$/i.test(value)) throw bad(keyword, value, 'ssh.badTime');
  let seconds = 0;
  for (const [, n, unit] of value.matchAll(/(\d+)([smhdw]?)/gi)) {
    seconds += Number(n) * (TIME_UNITS[(unit ?? '').toLowerCase()] ?? 1);
  }
  if (!Number.isSafeInteger(seconds) || seconds > 0x7fffffff)
    throw bad(keyword, value, 'ssh.timeTooLarge');
  return seconds;
}

/** Parses "user@h1:2222,h2,ssh://u@[::1]:22" into hops, as ssh's ProxyJump does. */
export function parseProxyJump(value: string): JumpHop[] {
  return value.split(',').map((hop) => parseHop(hop.trim(), value));
}

function parseHop(text: string, whole: string): JumpHop {
  const isUri = /^ssh:\/\//i.test(text);
  let rest = isUri ? text.slice('ssh://'.length).replace(/\/$/, '') : text;
  const hop: JumpHop = { host: '' };
  // The user name may itself contain '@' (e.g. an e-mail address); the host cannot.
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    let user = rest.slice(0, at);
    if (isUri) {
      try {
        user = decodeURIComponent(user);
      } catch {
        throw bad('ProxyJump', whole, 'ssh.jumpBadUser', text);
      }
    }
    if (user === '') throw bad('ProxyJump', whole, 'ssh.jumpEmptyUser', text);
    hop.user = user;
    rest = rest.slice(at + 1);
  }
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    // [address]:port, the only way to give a port with an IPv6 address
    const close = rest.indexOf(']');
    const after = close < 0 ? '' : rest.slice(close + 1);
    if (close < 0 || (after !== '' && !after.startsWith(':'))) {
      throw bad('ProxyJump', whole, 'ssh.jumpBadHost', text);
    }
    hop.host = rest.slice(1, close);
    if (after !== '') portText = after.slice(1);
  } else {
    const colon = rest.indexOf(':');
    hop.host = colon < 0 ? rest : rest.slice(0, colon);
    if (colon >= 0) portText = rest.slice(colon + 1);
  }
  if (hop.host === '' || /[\s/@]/.test(hop.host))
    throw bad('ProxyJump', whole, 'ssh.jumpBadHostIn', text);
  if (portText !== undefined) {
    const port = /^\d{1,5}$/.test(portText) ? Number(portText) : 0;
    if (port < 1 || port > 65535) throw bad('ProxyJump', whole, 'ssh.jumpBadPort', text);
    hop.port = port;
  }
  return hop;
}
