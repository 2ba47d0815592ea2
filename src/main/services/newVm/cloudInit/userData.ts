/**
 * What the NoCloud seed says: `user-data` (#cloud-config) and `meta-data`, built from the wizard's
 * cloud-init fields (or the user's own user-data, checked first), and the checks of those fields.
 * Texts go through the `yaml` library, so a name or key with quotes, colons or `$(...)` stays a
 * plain string.
 */
import { randomUUID } from 'node:crypto';
// ssh2 is CommonJS: Node's ESM loader only sees its default export.
import ssh2, { type ParsedKey } from 'ssh2';
import { isMap, parseDocument, stringify } from 'yaml';
import type { CloudInitOptions } from '../../../../shared/api/newVmTypes';
import { hashPassword } from './sha512Crypt';

const CLOUD_CONFIG_HEADER = '#cloud-config';
/** Linux user names as useradd takes them (Debian's default NAME_REGEX, with upper case). */
const USER_NAME = /^[a-zA-Z_][a-zA-Z0-9_.-]{0,31}$/;
/** A hostname: labels of letters, digits and dashes (RFC 1123). */
const HOSTNAME = /^(?!-)[a-zA-Z0-9-]{1,63}(?<!-)(\.(?!-)[a-zA-Z0-9-]{1,63}(?<!-))*$/;

/** The public key lines of `sshKeys` (each entry may hold several lines, e.g. a file). */
export function keyLines(sshKeys: readonly string[]): string[] {
  return sshKeys
    .flatMap((entry) => entry.split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function shortened(line: string): string {
  return line.length > 40 ? `${line.slice(0, 28)}…${line.slice(-10)}` : line;
}

/** Why an OpenSSH public key line does not parse, or undefined when it does. */
export function keyLineProblem(line: string): string | undefined {
  if (line.includes('PRIVATE KEY')) return 'is a private key: give the public key (the .pub file)';
  const parsed = ssh2.utils.parseKey(line);
  if (parsed instanceof Error) return `is not an OpenSSH public key (${parsed.message})`;
  // ssh2 returns a list for a file of several keys; one line is one key.
  const key: ParsedKey | undefined = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
  if (!key || key.isPrivateKey()) return 'is a private key: give the public key (the .pub file)';
  return undefined;
}

/** The line a YAML problem is on ("line 3: ..."), from the library's position. */
function yamlProblem(text: string): string | undefined {
  const doc = parseDocument(text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0].line;
    const what = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return line !== undefined ? `Line ${line}: ${what}` : what;
  }
  if (!isMap(doc.contents)) {
    return 'The user-data must be a YAML mapping (keys such as "users:", "packages:")';
  }
  return undefined;
}

/** Problems with the cloud-init fields, each under "source.<field>". */
export function cloudInitProblems(options: CloudInitOptions): Record<string, string> {
  const fields: Record<string, string> = {};
  const userData = options.userData?.trim() ? options.userData : undefined;
  if (userData !== undefined) {
    const firstLine = userData.trimStart().split(/\r?\n/)[0]?.trim() ?? '';
    // A script ("#!/bin/sh") is user-data too; anything else must be cloud-config, which
    // cloud-init only reads with its header.
    if (!firstLine.startsWith('#!')) {
      if (firstLine !== CLOUD_CONFIG_HEADER) {
        fields['source.cloudUserData'] =
          `Line 1: start the user-data with "${CLOUD_CONFIG_HEADER}"`;
      } else {
        const problem = yamlProblem(userData);
        if (problem) fields['source.cloudUserData'] = problem;
      }
    }
    return fields;
  }
  const user = options.userName?.trim();
  if (user && !USER_NAME.test(user)) {
    fields['source.cloudUser'] =
      'A user name starts with a letter or "_" and holds letters, digits, "_", "." or "-" (at most 32)';
  }
  if (user && !options.password) {
    fields['source.cloudPassword'] = `Give ${user}'s password`;
  }
  if (!user && options.password) {
    fields['source.cloudUser'] = 'Name the user the password is for';
  }
  const lines = keyLines(options.sshKeys);
  const bad = lines
    .map((line, i) => ({ line, i, problem: keyLineProblem(line) }))
    .filter((k) => k.problem !== undefined);
  if (bad.length > 0) {
    fields['source.cloudKeys'] = bad
      .map((k) => `Key ${k.i + 1} ("${shortened(k.line)}") ${k.problem ?? ''}`)
      .join('; ');
  }
  const hostname = options.hostname?.trim();
  if (hostname && !HOSTNAME.test(hostname)) {
    fields['source.cloudHostname'] =
      'A hostname holds letters, digits and "-" (labels of at most 63, separated by ".")';
  }
  return fields;
}

/** The name a VM's hostname defaults to: its name made a hostname label. */
export function defaultHostname(vmName: string): string {
  const label = vmName
    .normalize('NFKD')
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label || 'cloud-vm';
}

export interface SeedTexts {
  userData: string;
  metaData: string;
  /** The instance id in meta-data: a new one per VM, so cloud-init runs its first boot. */
  instanceId: string;
}

/**
 * The seed's texts. The password is hashed here (SHA-512 crypt), before anything is written; the
 * result holds only the hash. A user gets sudo without password as virt-install and cockpit do.
 */
export function seedTexts(options: CloudInitOptions, vmName: string): SeedTexts {
  const hostname = options.hostname?.trim() || defaultHostname(vmName);
  const instanceId = `iid-${randomUUID()}`;
  const metaData = stringify({ 'instance-id': instanceId, 'local-hostname': hostname });
  if (options.userData?.trim()) return { userData: options.userData, metaData, instanceId };

  const keys = keyLines(options.sshKeys);
  const user = options.userName?.trim();
  const config: Record<string, unknown> = { hostname };
  if (user) {
    const entry: Record<string, unknown> = {
      name: user,
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      shell: '/bin/bash',
      lock_passwd: false,
    };
    if (options.password) entry.passwd = hashPassword(options.password);
    if (keys.length > 0) entry.ssh_authorized_keys = keys;
    // "default" keeps the image's own user (debian, ubuntu, fedora...) as well.
    config.users = ['default', entry];
  } else if (keys.length > 0) {
    // No user named: the keys go to the image's default user.
    config.ssh_authorized_keys = keys;
  }
  if (user && options.password) {
    config.ssh_pwauth = true;
    config.chpasswd = { expire: false };
  }
  return {
    userData: `${CLOUD_CONFIG_HEADER}\n${stringify(config, { lineWidth: 0 })}`,
    metaData,
    instanceId,
  };
}
