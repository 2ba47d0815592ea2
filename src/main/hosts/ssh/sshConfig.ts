import { LineType, parse, type Directive, type Line, type SSHConfig } from 'ssh-config';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { includedPaths, realConfigFiles, type ConfigFiles } from './sshConfigFiles';
import { parseProxyJump, parseTime, expandTokens, type JumpHop } from './sshConfigValues';
import { matchPatternList } from './sshPattern';

export type { JumpHop } from './sshConfigValues';

export interface ResolvedSshOptions {
  /** What the user typed. */
  alias: string;
  /** HostName with %h expanded, else the alias; lowercased as ssh does. */
  hostName: string;
  port: number;
  user: string;
  /** IdentityFile values with ~ and tokens expanded, in order; [] when none are configured. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** [] for none or "none". */
  proxyJump: JumpHop[];
  serverAliveIntervalSec?: number;
  serverAliveCountMax?: number;
  /** Expanded; [] for "none"; default [~/.ssh/known_hosts, ~/.ssh/known_hosts2]. */
  userKnownHostsFiles: string[];
  connectTimeoutSec?: number;
  /** HostKeyAlias: when set, known_hosts lines are looked up (and written) under this name. */
  hostKeyAlias?: string;
  /** ProxyCommand as written (tokens unexpanded, as `ssh -G` shows it); absent for none. */
  proxyCommand?: string;
  /** What the user should know about the config: lines Virtdeck refused to evaluate. */
  warnings: Message[];
}

interface Defaults {
  /** The local user name: the default remote user and the %u token. */
  user: string;
  home: string;
}

/** OpenSSH's READCONF_MAX_DEPTH: Include nested deeper than this is refused. */
const MAX_INCLUDE_DEPTH = 16;

/** Which Host/Match block we are in: its lines apply while `active`. */
interface BlockState {
  active: boolean;
  /** Inside an Include from a block that does not apply: no Host/Match there can apply either. */
  neverMatch: boolean;
}

/**
 * Resolves the options for `alias` the way `ssh alias` would. Only ssh_config(5) semantics that
 * matter to Virtdeck are implemented. `Match exec` never matches (it would run arbitrary commands
 * in the main process while connecting) and says so in `warnings`.
 */
export function resolveSshOptions(
  configText: string | null,
  alias: string,
  defaults: Defaults,
  overrides: { user?: string; port?: number } = {},
  files: ConfigFiles = realConfigFiles(defaults.home),
): ResolvedSshOptions {
  const config = parseConfig(configText, 'config');
  const seen = new Map<string, string[]>();
  const identities: string[] = [];
  const warnings = new Map<string, Message>();
  // Like ssh's command line options, overrides are "first" and so beat the config file.
  if (overrides.user !== undefined) seen.set('user', [overrides.user]);
  if (overrides.port !== undefined) seen.set('port', [String(overrides.port)]);

  const first = (key: string): string | undefined => seen.get(key)?.[0];
  const currentHostName = (): string => {
    const configured = first('hostname');
    return (
      configured === undefined ? alias : expandTokens(configured, { h: alias }, 'HostName')
    ).toLowerCase();
  };

  const apply = (line: DirectiveLine): void => {
    const key = line.param.toLowerCase();
    const values = valuesOf(line.value);
    // IdentityFile accumulates (without repeats, so the final pass adds nothing twice); every
    // other keyword keeps its first value. ProxyJump and ProxyCommand exclude each other: the
    // first one given wins (and "none" for either one disables both).
    if (key === 'identityfile') identities.push(...values.filter((v) => !identities.includes(v)));
    else if (key === 'proxyjump' || key === 'proxycommand') {
      if (!seen.has(PROXY))
        seen.set(PROXY, [key, key === 'proxycommand' ? rawText(line) : values.join(' ')]);
    } else if (!seen.has(key)) seen.set(key, values);
  };

  const runPass = (finalPass: boolean): boolean => {
    let wantFinal = false;
    // In the final pass ssh matches Host lines against the resolved host name, not the alias.
    const hostArg = finalPass ? currentHostName() : alias;
    const walk = (
      lines: readonly Line[],
      state: BlockState,
      where: string,
      depth: number,
    ): void => {
      for (const line of flatten(lines)) {
        const key = line.param.toLowerCase();
        if (key === 'host') {
          state.active = !state.neverMatch && matchPatternList(hostArg, valuesOf(line.value)) === 1;
        } else if (key === 'match' && 'criteria' in line) {
          const criteria = Object.entries(line.criteria).map(([k, v]) => ({
            name: k,
            value: valuesOf(v).join(','),
          }));
          if (criteria.some((c) => c.name.toLowerCase() === 'final')) wantFinal = true;
          const matches = criteria.every((c) =>
            matchCriterion(c.name, c.value, {
              finalPass,
              alias,
              hostName: currentHostName(),
              user: first('user') ?? defaults.user,
              localUser: defaults.user,
              refuse: (criterion) =>
                warnings.set(
                  `${where}:${criterion}`,
                  msg('ssh.matchRefused', { criterion, file: where }),
                ),
            }),
          );
          state.active = !state.neverMatch && matches;
        } else if (key === 'include') {
          if (depth >= MAX_INCLUDE_DEPTH) {
            throw new VirtdeckError('invalid-input', msg('ssh.includeTooDeep', { file: where }));
          }
          const outer = state.active;
          for (const argument of valuesOf(line.value)) {
            for (const path of includedPaths(argument, defaults.home, files)) {
              const inner = parseConfig(files.read(path), path);
              walk(
                inner,
                { active: outer, neverMatch: state.neverMatch || !outer },
                path,
                depth + 1,
              );
            }
          }
          // A Host or Match in an included file ends at the end of that file.
          state.active = outer;
        } else if (state.active) {
          apply(line);
        }
      }
    };
    walk(config, { active: true, neverMatch: false }, 'config', 0);
    return wantFinal;
  };

  // "Match final" asks ssh to read the whole file again once the host name is known.
  if (runPass(false)) runPass(true);

  const hostName = currentHostName();
  const port = parsePort(first('port'));
  const user = first('user') ?? defaults.user;
  const tokens = {
    d: defaults.home,
    u: defaults.user,
    h: hostName,
    r: user,
    p: String(port),
    n: alias,
    k: first('hostkeyalias') ?? alias,
  };
  const expandPath = (value: string, keyword: string): string =>
    expandTokens(expandTilde(value, defaults.home), tokens, keyword);

  const knownHosts = seen.get('userknownhostsfile') ?? [
    '~/.ssh/known_hosts',
    '~/.ssh/known_hosts2',
  ];
  const [proxyKind, proxyValue] = seen.get(PROXY) ?? [];
  const proxyOff = proxyValue === undefined || proxyValue.toLowerCase() === 'none';
  const proxyJump = proxyKind === 'proxyjump' && !proxyOff ? proxyValue : undefined;
  const resolved: ResolvedSshOptions = {
    alias,
    hostName,
    port,
    user,
    identityFiles: identities.map((f) => expandPath(f, 'IdentityFile')),
    identitiesOnly: parseFlag(first('identitiesonly') ?? 'no', 'IdentitiesOnly'),
    proxyJump:
      proxyJump === undefined
        ? []
        : parseProxyJump(
            expandTokens(proxyJump, { h: hostName, n: alias, p: tokens.p, r: user }, 'ProxyJump'),
          ),
    userKnownHostsFiles:
      knownHosts.length === 1 && knownHosts[0]?.toLowerCase() === 'none'
        ? []
        : knownHosts.map((f) => expandPath(f, 'UserKnownHostsFile')),
    warnings: [...warnings.values()],
  };
  if (proxyKind === 'proxycommand' && !proxyOff) resolved.proxyCommand = proxyValue;
  const interval = first('serveraliveinterval');
  if (interval !== undefined)
    resolved.serverAliveIntervalSec = parseTime(interval, 'ServerAliveInterval');
  const countMax = first('serveralivecountmax');
  if (countMax !== undefined)
    resolved.serverAliveCountMax = parseCount(countMax, 'ServerAliveCountMax');
  const timeout = first('connecttimeout');
  if (timeout !== undefined && timeout.toLowerCase() !== 'none') {
    resolved.connectTimeoutSec = parseTime(timeout, 'ConnectTimeout');
  }
  const hostKeyAlias = first('hostkeyalias');
  if (hostKeyAlias !== undefined && hostKeyAlias.toLowerCase() !== 'none') {
    resolved.hostKeyAlias = hostKeyAlias.toLowerCase();
  }
  return resolved;
}

/** Where ProxyJump / ProxyCommand is kept in `seen`: [keyword, value], the first one given. */
const PROXY = ' proxy';

/** Host and Match lines followed by the lines of their block, in file order, as ssh reads them. */
function* flatten(lines: readonly Line[]): Generator<DirectiveLine> {
  for (const line of lines) {
    if (line.type !== LineType.DIRECTIVE) continue;
    yield line;
    if ('config' in line) yield* flatten(line.config);
  }
}

/** The value as written after the keyword (ProxyCommand is a command line, not a word list). */
function rawText(line: DirectiveLine): string {
  if (typeof line.value === 'string') return line.quoted ? `"${line.value}"` : line.value;
  return line.value
    .map(
      (v, i) => (v.quoted ? `"${v.val}"` : v.val) + (i < line.value.length - 1 ? v.separator : ''),
    )
    .join('');
}

/** Concrete Host aliases (no wildcards or negations) for the UI's host picker. */
export function listHostAliases(configText: string | null): string[] {
  const aliases = new Set<string>();
  for (const line of parseConfig(configText, 'config')) {
    if (line.type !== LineType.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    for (const pattern of valuesOf(line.value)) {
      if (!/[*?!]/.test(pattern)) aliases.add(pattern);
    }
  }
  return [...aliases];
}

/** OpenSSH's default identity files, in its order, under home/.ssh. */
export function defaultIdentityFiles(home: string): string[] {
  return [
    'id_rsa',
    'id_ecdsa',
    'id_ecdsa_sk',
    'id_ed25519',
    'id_ed25519_sk',
    'id_xmss',
    'id_dsa',
  ].map((name) => `${home}/.ssh/${name}`);
}

function parseConfig(text: string | null, file: string): SSHConfig | Line[] {
  if (text === null) return [];
  try {
    return parse(text);
  } catch (err) {
    throw new VirtdeckError('invalid-input', msg('ssh.configUnparsable', { file }), {
      cause: err,
      detail: String(err),
    });
  }
}

type DirectiveLine = Extract<Line, Directive>;

type RawValue = string | readonly { val: string }[];

function valuesOf(value: RawValue): string[] {
  return typeof value === 'string' ? [value] : value.map((v) => v.val);
}

interface MatchContext {
  finalPass: boolean;
  alias: string;
  hostName: string;
  user: string;
  localUser: string;
  /** Told about a criterion Virtdeck will not evaluate (exec): the block does not apply. */
  refuse(criterion: string): void;
}

function matchCriterion(rawName: string, value: string, ctx: MatchContext): boolean {
  const negated = rawName.startsWith('!');
  const name = rawName.slice(negated ? 1 : 0).toLowerCase();
  let result: boolean;
  switch (name) {
    case 'all':
      result = true;
      break;
    case 'canonical':
    case 'final':
      result = ctx.finalPass;
      break;
    case 'host':
      result = matchPatternList(ctx.hostName, value.toLowerCase()) === 1;
      break;
    case 'originalhost':
      result = matchPatternList(ctx.alias, value) === 1;
      break;
    case 'user':
      result = matchPatternList(ctx.user, value) === 1;
      break;
    case 'localuser':
      result = matchPatternList(ctx.localUser, value) === 1;
      break;
    case 'exec':
      ctx.refuse(name);
      return false;
    default:
      // localnetwork, tagged, ...: not evaluated, and a block we cannot judge is skipped
      // whether or not the criterion was negated.
      return false;
  }
  return negated ? !result : result;
}

function expandTilde(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return home + path.slice(1);
  return path;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 22;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new VirtdeckError('invalid-input', msg('ssh.badPort', { value }));
  }
  return port;
}

function parseCount(value: string, keyword: string): number {
  if (!/^\d{1,9}$/.test(value)) {
    throw new VirtdeckError('invalid-input', msg('ssh.badNumber', { keyword, value }));
  }
  return Number(value);
}

function parseFlag(value: string, keyword: string): boolean {
  const v = value.toLowerCase();
  if (v === 'yes' || v === 'true') return true;
  if (v === 'no' || v === 'false') return false;
  throw new VirtdeckError('invalid-input', msg('ssh.badYesNo', { keyword, value }));
}
