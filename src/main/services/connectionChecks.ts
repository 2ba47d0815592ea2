/**
 * Checks of the Add connection form that need this machine (its ~/.ssh/config, its resolver), and
 * the connections offered on first run.
 */
import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionForm, ConnectionSuggestion, FieldErrors } from '../../shared/api/types';
import { validateConnectionForm } from '../../shared/connectionForm';
import { LocalHost } from '../hosts/localHost';
import { listHostAliases } from '../hosts/ssh/sshConfig';
import { LibvirtConnection } from '../libvirt/connection';

export async function sshHostAliases(
  configPath = join(homedir(), '.ssh', 'config'),
): Promise<string[]> {
  const text = await readFile(configPath, 'utf8').catch(() => null);
  return listHostAliases(text);
}

/** The form's own checks, then: is the host a ~/.ssh/config alias or a name this machine resolves? */
export async function checkConnectionForm(form: ConnectionForm): Promise<FieldErrors> {
  const errors = validateConnectionForm(form);
  const host = form.host?.trim();
  if (Object.keys(errors).length > 0 || form.customUri?.trim() || !form.remote || !host) {
    return errors;
  }
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return errors;
  if ((await sshHostAliases()).includes(host)) return errors;
  try {
    await lookup(host);
  } catch {
    errors.host = `Unknown host "${host}": not a Host alias in ~/.ssh/config and not a name this machine can resolve`;
  }
  return errors;
}

/**
 * First run: this machine's libvirt (qemu:///system when this user can open it, else the user
 * session) and libvirt's test driver, so that the app shows something real at once.
 */
export async function firstRunSuggestions(): Promise<ConnectionSuggestion[]> {
  const local: ConnectionSuggestion = (await canOpen('qemu:///system'))
    ? { uri: 'qemu:///system', kind: 'local', note: 'qemu:///system is reachable' }
    : {
        uri: 'qemu:///session',
        kind: 'local',
        note: 'qemu:///system is not reachable for this user; the user session needs no privileges',
      };
  return [
    local,
    {
      uri: 'test:///default',
      kind: 'demo',
      note: "libvirt's test driver: a fake host to try things",
    },
  ];
}

async function canOpen(uri: string): Promise<boolean> {
  const host = new LocalHost();
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000).unref());
  const attempt = LibvirtConnection.open(host, uri).then(
    async (connection) => {
      await connection.close();
      return true;
    },
    () => false,
  );
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    void attempt.finally(() => host.close());
  }
}
