import type { SshAuthMethod } from './sshAuth';
import type { SshPrompter } from './sshPrompter';

export interface SshHostOptions {
  /** Host alias or host name as the user typed it; ~/.ssh/config applies. */
  host: string;
  user?: string;
  port?: number;
  /** Default ~/.ssh/config. */
  sshConfigPath?: string;
  /** Default: UserKnownHostsFile from the config, then /etc/ssh/ssh_known_hosts{,2}. */
  knownHostsFiles?: string[];
  /** Virtdeck's own known_hosts file: also checked; keys the user accepts are appended here. */
  appKnownHostsFile: string;
  /** Private keys to try for the target; default IdentityFile from the config, else ~/.ssh/id_*. */
  identityFiles?: string[];
  /** ssh-agent socket; default SSH_AUTH_SOCK ('pageant' on Windows); false for none. */
  agent?: string | false;
  /**
   * Authentication methods in the order to try them (OpenSSH's PreferredAuthentications); each is
   * used only when the server lists it. Default: agent, publickey, password, keyboard-interactive.
   */
  authMethods?: SshAuthMethod[];
  prompter: SshPrompter;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Default ServerAliveInterval from the config, else 3000. */
  keepaliveIntervalMs?: number;
  /** Default ServerAliveCountMax from the config, else 2. */
  keepaliveCountMax?: number;
  /** Time allowed for TCP connect + handshake, not counting prompts. Default ConnectTimeout, else 10000. */
  readyTimeoutMs?: number;
}
