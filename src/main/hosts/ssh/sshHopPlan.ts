import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { HopSpec } from './sshConnect';
import { defaultIdentityFiles, resolveSshOptions, type ResolvedSshOptions } from './sshConfig';
import type { SshHostOptions } from './sshHostOptions';

const GLOBAL_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

export interface HopPlan {
  hops: HopSpec[];
  /** ConnectTimeout of the target, in ms, when the config sets one. */
  connectTimeoutMs: number | undefined;
}

/**
 * Reads ~/.ssh/config afresh (so edits apply at the next connect) and works out every hop: the
 * ProxyJump hosts in order, then the target. Each hop's own settings come from its own Host block.
 * A jump host's own ProxyJump is not followed (OpenSSH would nest them).
 */
export async function planHops(options: SshHostOptions): Promise<HopPlan> {
  const home = homedir();
  const defaults = { user: userInfo().username, home };
  const configPath = options.sshConfigPath ?? join(home, '.ssh', 'config');
  const configText = await readFile(configPath, 'utf8').catch(() => null);
  const target = resolveSshOptions(configText, options.host, defaults, {
    user: options.user,
    port: options.port,
  });
  const jumps = target.proxyJump.map((hop) =>
    resolveSshOptions(configText, hop.host, defaults, { user: hop.user, port: hop.port }),
  );
  const spec = (resolved: ResolvedSshOptions, isTarget: boolean): HopSpec => {
    const configured =
      resolved.identityFiles.length > 0 ? resolved.identityFiles : defaultIdentityFiles(home);
    return {
      hostName: resolved.hostName,
      port: resolved.port,
      keyHost: resolved.hostKeyAlias ?? resolved.hostName,
      keyPort: resolved.hostKeyAlias ? 22 : resolved.port,
      user: resolved.user,
      // IdentitiesOnly: OpenSSH would still use agent keys matching the files; we skip the agent.
      agent: resolved.identitiesOnly ? undefined : agentSocket(options.agent),
      identityFiles: isTarget && options.identityFiles ? options.identityFiles : configured,
      knownHostsFiles: options.knownHostsFiles ?? [
        ...resolved.userKnownHostsFiles,
        ...GLOBAL_KNOWN_HOSTS,
      ],
      keepaliveIntervalMs:
        options.keepaliveIntervalMs ??
        (resolved.serverAliveIntervalSec ? resolved.serverAliveIntervalSec * 1000 : 3000),
      keepaliveCountMax: options.keepaliveCountMax ?? resolved.serverAliveCountMax ?? 2,
    };
  };
  return {
    hops: [...jumps.map((j) => spec(j, false)), spec(target, true)],
    connectTimeoutMs: target.connectTimeoutSec ? target.connectTimeoutSec * 1000 : undefined,
  };
}

export function agentSocket(option: string | false | undefined): string | undefined {
  if (option === false) return undefined;
  if (option) return option;
  return process.env.SSH_AUTH_SOCK || (process.platform === 'win32' ? 'pageant' : undefined);
}
