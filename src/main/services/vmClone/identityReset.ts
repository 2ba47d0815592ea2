/**
 * Resetting a clone's identity inside its disks with the host's virt-sysprep (or virt-customize,
 * both from libguestfs' guestfs-tools): a new /etc/machine-id, new SSH host keys, a new hostname.
 *
 * The tool runs on the host, through `host.exec` (argv: every path and hostname reaches it
 * unchanged, never through a shell), as the connection's user, on disk images nothing runs on: the
 * caller makes sure the clone is not running (libguestfs would corrupt a disk a guest writes to).
 * libguestfs boots a small appliance VM of its own for it, so a reset takes tens of seconds (over a
 * minute under TCG).
 */
import type { IdentityOperation } from '../../../shared/api/methods/vmClone';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';

export interface IdentityResetTool {
  /** The tool found on the host; absent when it has neither. */
  tool?: 'virt-sysprep' | 'virt-customize';
  /** The package that brings it, for the dialog to name when the tool is missing. */
  package: string;
  operations: IdentityOperation[];
}

type ResetToolName = NonNullable<IdentityResetTool['tool']>;

/**
 * The package holding /usr/bin/virt-sysprep and virt-customize on Debian 12 and later
 * (`dpkg -S /usr/bin/virt-sysprep`: guestfs-tools; libguestfs-tools only depends on it now), and
 * Fedora's name for it too.
 */
export const IDENTITY_RESET_PACKAGE = 'guestfs-tools';

/** Both tools do all three: virt-customize by the equivalent file operations. */
const OPERATIONS_OFFERED: IdentityOperation[] = ['machine-id', 'ssh-hostkeys', 'hostname'];

/**
 * Prints the path of each tool the SSH user's PATH has, virt-sysprep first. A fixed script (no
 * user text in it): one exec answers for both tools.
 */
const FIND_TOOLS = 'command -v virt-sysprep; command -v virt-customize; exit 0';

/** Which tool the host has (looked for once per call; cheap: one exec). */
export async function identityResetTool(host: Host): Promise<IdentityResetTool> {
  const found = await host.exec(['sh', '-c', FIND_TOOLS]);
  const paths = found.stdout.toString('utf8').split('\n');
  const has = (name: ResetToolName): boolean => paths.some((p) => p.trim().endsWith(`/${name}`));
  const tool = has('virt-sysprep')
    ? 'virt-sysprep'
    : has('virt-customize')
      ? 'virt-customize'
      : undefined;
  return tool
    ? { tool, package: IDENTITY_RESET_PACKAGE, operations: [...OPERATIONS_OFFERED] }
    : { package: IDENTITY_RESET_PACKAGE, operations: [] };
}

export interface IdentityReset {
  operations: readonly IdentityOperation[];
  /** The guest's new hostname; required with the `hostname` operation. */
  hostname?: string;
}

/**
 * Runs the reset on the disk images at `paths` (host paths; a linked clone's overlay is enough).
 * The caller makes sure nothing runs on them. Rejects with the tool's own message; an abort of
 * `signal` kills the tool (code `cancelled`).
 */
export async function resetGuestIdentity(
  host: Host,
  paths: readonly string[],
  reset: IdentityReset,
  signal: AbortSignal,
): Promise<void> {
  if (reset.operations.length === 0) return;
  checkIdentityReset(paths, reset);
  const found = await identityResetTool(host);
  if (!found.tool) {
    throw new VirtdeckError(
      'not-supported',
      msg('clone.hostNoIdentityTool', { host: host.label, package: found.package }),
    );
  }
  await runIdentityReset(host, found.tool, paths, reset, signal);
}

/** `resetGuestIdentity` with the tool chosen (both are tested; a host may have only one). */
export async function runIdentityReset(
  host: Host,
  tool: ResetToolName,
  paths: readonly string[],
  reset: IdentityReset,
  signal: AbortSignal,
): Promise<void> {
  checkIdentityReset(paths, reset);
  await checkWritable(host, paths, signal);
  const result = await host.exec(identityResetArgv(tool, paths, reset), { signal });
  if (result.code === 0) return;
  const stderr = result.stderr.toString('utf8');
  const denied = /permission denied|read-only file system/i.test(stderr);
  // The tool's own words are the message's last part: they say what is wrong with the image.
  const why = toolMessage(stderr, result.code);
  const params = { tool, paths: paths.join(', '), host: host.label, why };
  throw new VirtdeckError(
    'host-tool',
    msg(denied ? 'clone.resetDenied' : 'clone.resetFailed', params),
    { detail: why },
  );
}

/** What is wrong with the request, before the host is asked anything. */
function checkIdentityReset(paths: readonly string[], reset: IdentityReset): void {
  if (paths.length === 0) throw new InvalidInputError(msg('clone.resetNoDisk'));
  const relative = paths.find((p) => !p.startsWith('/'));
  if (relative !== undefined) {
    throw new InvalidInputError(msg('clone.notAbsolute', { path: relative }));
  }
  if (!reset.operations.includes('hostname')) return;
  const problem = hostnameProblem(reset.hostname ?? '');
  if (problem) {
    throw new InvalidInputError(problem, { 'identityReset.hostname': problem });
  }
}

/**
 * Why `name` cannot be a guest's hostname (RFC 1123: dot-separated labels of letters, digits and
 * inner hyphens, at most 63 characters each and 253 in all), or undefined when it can. The tools
 * write it into /etc/hostname and /etc/hosts as it is, so anything else would break the guest.
 */
export function hostnameProblem(name: string): Message | undefined {
  if (name === '') return msg('clone.hostnameEmpty');
  if (name.length > 253) return msg('clone.hostnameLong');
  const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
  if (name.split('.').every((part) => label.test(part))) return undefined;
  return msg('clone.hostnameShape');
}

/**
 * A hostname made from a VM name ("Web server (2)" -> "web-server-2"), for the clone dialog's
 * default: lower case, every run of other characters a hyphen, at most 63 characters.
 */
export function hostnameFromVmName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return plain === '' ? 'guest' : plain;
}

/**
 * libguestfs opens each image read-write; a file the SSH user cannot write fails only after the
 * appliance has booted, with libguestfs' own lines. Checked first, to say which path and why.
 */
async function checkWritable(
  host: Host,
  paths: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  for (const path of paths) {
    const writable = await host.exec(['test', '-w', path], { signal });
    if (writable.code === 0) continue;
    const exists = await host.exec(['test', '-e', path], { signal });
    throw new VirtdeckError(
      exists.code === 0 ? 'host-tool' : 'not-found',
      msg(exists.code === 0 ? 'clone.notWritable' : 'clone.notThere', { path, host: host.label }),
    );
  }
}

/**
 * The command line. virt-sysprep: its own `machine-id` (empties /etc/machine-id: systemd makes a
 * new one at the next boot) and `ssh-hostkeys` (deletes /etc/ssh/*_host_*) operations, and its
 * `customize` operation for the hostname and for the first-boot `ssh-keygen -A` (Debian and Ubuntu
 * do not make missing host keys at boot, so their sshd would not start; Fedora's sshd-keygen
 * would, and `-A` makes only the missing ones). When `customize` runs, it also writes a new random
 * machine-id into the file `machine-id` has just emptied. virt-customize: the same by its file
 * operations, leaving /etc/machine-id empty. No `--run-command`: that is a shell inside the guest.
 */
export function identityResetArgv(
  tool: ResetToolName,
  paths: readonly string[],
  reset: IdentityReset,
): string[] {
  const wants = (op: IdentityOperation): boolean => reset.operations.includes(op);
  const disks = paths.flatMap((path) => ['-a', path]);
  const hostname = wants('hostname') && reset.hostname ? ['--hostname', reset.hostname] : [];
  const newHostKeys = wants('ssh-hostkeys') ? ['--firstboot-command', 'ssh-keygen -A'] : [];
  if (tool === 'virt-sysprep') {
    const operations = [
      ...(wants('machine-id') ? ['machine-id'] : []),
      ...(wants('ssh-hostkeys') ? ['ssh-hostkeys'] : []),
      ...(hostname.length > 0 || newHostKeys.length > 0 ? ['customize'] : []),
    ];
    return [
      'virt-sysprep',
      ...disks,
      '--operations',
      operations.join(','),
      ...hostname,
      ...newHostKeys,
    ];
  }
  return [
    'virt-customize',
    ...disks,
    ...(wants('machine-id') ? ['--truncate', '/etc/machine-id'] : []),
    ...(wants('ssh-hostkeys') ? ['--delete', '/etc/ssh/*_host_*', ...newHostKeys] : []),
    ...hostname,
  ];
}

/**
 * The tool's own words: its `error:` paragraph without libguestfs' "If reporting bugs, run with
 * -v -x" advice (the debug output it asks for means nothing in a dialog), else stderr's last lines.
 */
export function toolMessage(stderr: string, code: number | null): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
  const start = lines.findIndex((line) => /^virt-[a-z]+: error:/.test(line));
  const advice = lines.findIndex((line) => line.startsWith('If reporting bugs'));
  const paragraph =
    start >= 0 ? lines.slice(start, advice > start ? advice : undefined) : lines.slice(-3);
  const text = paragraph.slice(0, 8).join('\n');
  if (text !== '') return text;
  return code === null ? 'it was killed' : `it ended with exit code ${String(code)}`;
}
