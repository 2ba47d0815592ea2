import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { VirtdeckError } from '../../../shared/errors';
import { englishText, msg, type Message } from '../../../shared/messages/message';
import { proxyCommandArgv } from './proxyCommand';
import type { HopSpec } from './sshConnect';
import {
  defaultIdentityFiles,
  resolveSshOptions,
  type JumpHop,
  type ResolvedSshOptions,
} from './sshConfig';
import type { SshHostOptions } from './sshHostOptions';

const GLOBAL_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

export interface HopPlan {
  hops: HopSpec[];
  /** ConnectTimeout of the target, in ms, when the config sets one. */
  connectTimeoutMs: number | undefined;
  /**
   * What the config asked for that Virtdeck does not do (a `Match exec` block skipped), each said
   * once, for the user to see on the connection; logged too.
   */
  warnings: Message[];
}

/** More hops than this means the jump hosts name each other in a loop. */
const MAX_HOPS = 16;

/**
 * Reads ~/.ssh/config afresh (so edits apply at the next connect) and works out every hop: the
 * ProxyJump hosts in order, then the target. Each hop's own settings come from its own Host
 * block, including its own ProxyJump (as `ssh -J a,b target` does: b is reached through a, and a
 * through whatever its own block says) and, for the first hop, its ProxyCommand.
 */
export async function planHops(options: SshHostOptions): Promise<HopPlan> {
  const home = homedir();
  const defaults = { user: userInfo().username, home };
  const configPath = options.sshConfigPath ?? join(home, '.ssh', 'config');
  const configText = await readFile(configPath, 'utf8').catch(() => null);
  const warnings = new Map<string, Message>();
  const resolve = (host: string, over: { user?: string; port?: number }): ResolvedSshOptions => {
    const resolved = resolveSshOptions(configText, host, defaults, over);
    for (const warning of resolved.warnings) {
      const text = englishText(warning);
      if (warnings.has(text)) continue;
      warnings.set(text, warning);
      console.warn(text);
    }
    return resolved;
  };

  const spec = (resolved: ResolvedSshOptions, isTarget: boolean, first: boolean): HopSpec => {
    const configured =
      resolved.identityFiles.length > 0 ? resolved.identityFiles : defaultIdentityFiles(home);
    const identityFiles = isTarget && options.identityFiles ? options.identityFiles : configured;
    const hop: HopSpec = {
      hostName: resolved.hostName,
      port: resolved.port,
      keyHost: resolved.hostKeyAlias ?? resolved.hostName,
      keyPort: resolved.hostKeyAlias ? 22 : resolved.port,
      user: resolved.user,
      agent: agentSocket(options.agent),
      identityFiles,
      knownHostsFiles: options.knownHostsFiles ?? [
        ...resolved.userKnownHostsFiles,
        ...GLOBAL_KNOWN_HOSTS,
      ],
      keepaliveIntervalMs:
        options.keepaliveIntervalMs ??
        (resolved.serverAliveIntervalSec ? resolved.serverAliveIntervalSec * 1000 : 3000),
      keepaliveCountMax: options.keepaliveCountMax ?? resolved.serverAliveCountMax ?? 2,
    };
    // IdentitiesOnly: the agent still signs, but only with the keys of the identity files.
    if (resolved.identitiesOnly) hop.agentKeysFrom = identityFiles;
    // A ProxyCommand only matters where the chain starts; later hops ride the previous one.
    if (first && resolved.proxyCommand !== undefined) {
      const tokens = {
        h: resolved.hostName,
        p: String(resolved.port),
        r: resolved.user,
        n: resolved.alias,
      };
      hop.proxyCommand = proxyCommandArgv(resolved.proxyCommand, tokens, resolved.alias);
    }
    return hop;
  };

  /** The hops up to and including `resolved`; `via` replaces its own ProxyJump when given. */
  const chain = (
    resolved: ResolvedSshOptions,
    isTarget: boolean,
    depth: number,
    via?: JumpHop[],
  ): HopSpec[] => {
    const jumps = via ?? resolved.proxyJump;
    const last = jumps.at(-1);
    if (last === undefined) return [spec(resolved, isTarget, true)];
    if (depth >= MAX_HOPS) {
      throw new VirtdeckError(
        'invalid-input',
        msg('ssh.jumpChainTooLong', { host: options.host, max: MAX_HOPS }),
      );
    }
    const jump = resolve(last.host, { user: last.user, port: last.port });
    const before = chain(jump, false, depth + 1, jumps.length > 1 ? jumps.slice(0, -1) : undefined);
    return [...before, spec(resolved, isTarget, false)];
  };

  const target = resolve(options.host, { user: options.user, port: options.port });
  const hops = chain(target, true, 0);
  return {
    hops,
    connectTimeoutMs: target.connectTimeoutSec ? target.connectTimeoutSec * 1000 : undefined,
    warnings: [...warnings.values()],
  };
}

export function agentSocket(option: string | false | undefined): string | undefined {
  if (option === false) return undefined;
  if (option) return option;
  return process.env.SSH_AUTH_SOCK || (process.platform === 'win32' ? 'pageant' : undefined);
}
