import { describe, expect, it } from 'vitest';
import type { ConnectionForm } from '../../../src/shared/api/types';
import {
  connectionUri,
  describeConnectionUri,
  validateConnectionForm,
} from '../../../src/shared/connectionForm';
import { parseLibvirtUri, uriHasPassword } from '../../../src/shared/libvirtUri';

const form = (patch: Partial<ConnectionForm>): ConnectionForm => ({
  hypervisor: 'qemu-system',
  remote: false,
  autoconnect: true,
  ...patch,
});

describe('connection form', () => {
  it('builds the URI virt-manager would for each hypervisor, local and over SSH', () => {
    expect(connectionUri(form({}))).toBe('qemu:///system');
    expect(connectionUri(form({ hypervisor: 'qemu-session' }))).toBe('qemu:///session');
    expect(connectionUri(form({ hypervisor: 'test' }))).toBe('test:///default');
    expect(connectionUri(form({ hypervisor: 'lxc' }))).toBe('lxc:///');
    expect(connectionUri(form({ hypervisor: 'xen', remote: true, host: 'dom0' }))).toBe(
      'xen+ssh://dom0/system',
    );
    expect(
      connectionUri(form({ remote: true, user: 'root', host: 'kvm1.example', port: '2222' })),
    ).toBe('qemu+ssh://root@kvm1.example:2222/system');
    expect(connectionUri(form({ remote: true, host: 'fe80::1' }))).toBe(
      'qemu+ssh://[fe80::1]/system',
    );
  });

  it('lets a custom URI win, and checks it', () => {
    expect(connectionUri(form({ remote: true, host: 'x', customUri: ' test:///tmp/h.xml ' }))).toBe(
      'test:///tmp/h.xml',
    );
    expect(validateConnectionForm(form({ customUri: 'http://x/' })).customUri).toMatch(
      /unknown hypervisor "http"/,
    );
  });

  it('says what is wrong with the host, port and user before anything connects', () => {
    expect(validateConnectionForm(form({ remote: true }))).toEqual({
      host: expect.stringMatching(/Enter the host/),
    });
    expect(validateConnectionForm(form({ remote: true, host: 'a b' })).host).toMatch(/not a valid/);
    expect(validateConnectionForm(form({ remote: true, host: "$(touch x);'" })).host).toBeDefined();
    for (const port of ['0', '65536', '22x', '-1', '1.5']) {
      expect(validateConnectionForm(form({ remote: true, host: 'h', port })).port).toMatch(
        /between 1 and 65535/,
      );
    }
    expect(
      validateConnectionForm(form({ remote: true, host: 'h', user: 'a b' })).user,
    ).toBeDefined();
    expect(
      validateConnectionForm(form({ remote: true, host: 'h', port: '22', user: 'root' })),
    ).toEqual({});
    expect(() => connectionUri(form({ remote: true, host: '' }))).toThrow(/Enter the host/);
  });

  it('refuses a password in a URI, without repeating it', () => {
    for (const uri of [
      'qemu+ssh://root:secret@kvm1/system',
      'qemu+ssh://root:s%65cret@kvm1:2222/system',
      'xen+ssh://:secret@dom0/system',
    ]) {
      const error = validateConnectionForm(form({ customUri: uri })).customUri;
      expect(error).toMatch(/password/);
      expect(error).not.toMatch(/secret|s%65cret/);
      expect(() => parseLibvirtUri(uri)).toThrow(/password/);
      expect(() => connectionUri(form({ customUri: uri }))).toThrow(/password/);
      expect(uriHasPassword(uri)).toBe(true);
    }
    expect(uriHasPassword('qemu+ssh://root@kvm1/system')).toBe(false);
    expect(uriHasPassword('not a uri')).toBe(false);
  });

  it('describes a URI in words for a connection without a label', () => {
    expect(describeConnectionUri('qemu+ssh://root@kvm1:2222/system')).toEqual({
      hypervisor: 'QEMU/KVM',
      where: 'root@kvm1:2222',
    });
    expect(describeConnectionUri('test:///default')).toEqual({
      hypervisor: 'Test driver',
      where: 'localhost',
    });
  });
});
