/**
 * The identity reset's pure parts: the tools' command lines (argv, so a path or hostname reaches
 * the tool unchanged), the hostname rules, a VM name made into a hostname, and the tool's own
 * message picked out of libguestfs' stderr. (The runs themselves: test/integration/vmClone.)
 */
import { englishText, msg } from '../../../src/shared/messages/message';
import { describe, expect, it } from 'vitest';
import {
  hostnameFromVmName,
  hostnameProblem,
  identityResetArgv,
  toolMessage,
} from '../../../src/main/services/vmClone/identityReset';

const ALL = { operations: ['machine-id', 'ssh-hostkeys', 'hostname'] as const, hostname: 'web-2' };

describe('identityResetArgv', () => {
  it('virt-sysprep: one -a per disk, its operations, customize for hostname and host keys', () => {
    expect(identityResetArgv('virt-sysprep', ['/p/a b.qcow2', '/p/$(x).raw'], ALL)).toEqual([
      'virt-sysprep',
      '-a',
      '/p/a b.qcow2',
      '-a',
      '/p/$(x).raw',
      '--operations',
      'machine-id,ssh-hostkeys,customize',
      '--hostname',
      'web-2',
      '--firstboot-command',
      'ssh-keygen -A',
    ]);
  });

  it('virt-sysprep: machine-id alone needs no customize', () => {
    expect(identityResetArgv('virt-sysprep', ['/d.raw'], { operations: ['machine-id'] })).toEqual([
      'virt-sysprep',
      '-a',
      '/d.raw',
      '--operations',
      'machine-id',
    ]);
  });

  it('virt-customize: the file operations, no shell inside the guest but the first-boot keygen', () => {
    const argv = identityResetArgv('virt-customize', ['/d.raw'], ALL);
    expect(argv).toEqual([
      'virt-customize',
      '-a',
      '/d.raw',
      '--truncate',
      '/etc/machine-id',
      '--delete',
      '/etc/ssh/*_host_*',
      '--firstboot-command',
      'ssh-keygen -A',
      '--hostname',
      'web-2',
    ]);
    expect(argv).not.toContain('--run-command');
  });
});

describe('hostnameProblem', () => {
  it('takes RFC 1123 names', () => {
    for (const name of ['web', 'web-2', 'a.example.org', 'X1', 'a'.repeat(63)]) {
      expect(hostnameProblem(name)).toBeUndefined();
    }
  });

  it('refuses what would break /etc/hostname or /etc/hosts', () => {
    for (const name of [
      '',
      'web server',
      '-web',
      'web-',
      'a..b',
      'ü',
      'x;$(reboot)',
      'a'.repeat(64),
    ]) {
      expect(hostnameProblem(name)).toBeDefined();
    }
    expect(
      englishText(hostnameProblem(`${'a'.repeat(60)}.`.repeat(5)) ?? msg('common.internal')),
    ).toBe('A hostname has at most 253 characters');
  });
});

describe('hostnameFromVmName', () => {
  it('makes a valid hostname of any VM name', () => {
    expect(hostnameFromVmName('Web server (2)')).toBe('web-server-2');
    expect(hostnameFromVmName('Café-clone')).toBe('cafe-clone');
    expect(hostnameFromVmName(`'q' $(x); `)).toBe('q-x');
    expect(hostnameFromVmName('日本')).toBe('guest');
    for (const name of ['Web server (2)', '--a--', 'x'.repeat(100), '日本']) {
      expect(hostnameProblem(hostnameFromVmName(name))).toBeUndefined();
    }
  });
});

describe('toolMessage', () => {
  it("keeps libguestfs' error paragraph, not its bug-report advice", () => {
    // What virt-sysprep printed on this machine when its KVM appliance could not start.
    const stderr = [
      'virt-sysprep: error: libguestfs error: guestfs_launch failed.',
      'This usually means the libguestfs appliance failed to start or crashed.',
      '',
      'If reporting bugs, run virt-sysprep with debugging enabled and include the complete output:',
      '',
      '  virt-sysprep -v -x [...]',
      '',
    ].join('\n');
    expect(toolMessage(stderr, 1)).toBe(
      'virt-sysprep: error: libguestfs error: guestfs_launch failed.\n' +
        'This usually means the libguestfs appliance failed to start or crashed.',
    );
  });

  it("falls back to stderr's last lines, then to the exit status", () => {
    expect(toolMessage('a\nb\nc\nd\n', 1)).toBe('b\nc\nd');
    expect(toolMessage('', 3)).toBe('it ended with exit code 3');
    expect(toolMessage('', null)).toBe('it was killed');
  });
});
