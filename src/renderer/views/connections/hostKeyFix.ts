import { parseLibvirtUri } from '../../../shared/libvirtUri';

/**
 * The command that removes a host's old key from ~/.ssh/known_hosts, as OpenSSH itself suggests:
 * entries for a non-default port are stored as "[host]:port".
 */
export function sshKeygenRemoveCommand(uri: string): string | undefined {
  try {
    const parsed = parseLibvirtUri(uri);
    if (!parsed.host) return undefined;
    const port = parsed.port ?? 22;
    return port === 22
      ? `ssh-keygen -R ${parsed.host}`
      : `ssh-keygen -R "[${parsed.host}]:${port}"`;
  } catch {
    return undefined;
  }
}
