import { describe, expect, it } from 'vitest';
import { isSessionUri, libvirtSocketCandidates } from '../../../src/main/hosts/libvirtSockets';
import { parseLibvirtUri } from '../../../src/shared/libvirtUri';

const candidates = (uri: string, runtimeDir?: string) =>
  libvirtSocketCandidates(parseLibvirtUri(uri), runtimeDir);

describe('libvirtSocketCandidates', () => {
  it('tries the modular driver daemon before libvirtd for system URIs', () => {
    expect(candidates('qemu:///system')).toEqual([
      '/run/libvirt/virtqemud-sock',
      '/run/libvirt/libvirt-sock',
    ]);
    expect(candidates('xen:///system')).toEqual([
      '/run/libvirt/virtxend-sock',
      '/run/libvirt/libvirt-sock',
    ]);
    expect(candidates('lxc:///')).toEqual([
      '/run/libvirt/virtlxcd-sock',
      '/run/libvirt/libvirt-sock',
    ]);
  });

  it('uses the host-local form of remote URIs', () => {
    expect(candidates('qemu+ssh://root@kvm1:2222/system')).toEqual(candidates('qemu:///system'));
  });

  it('sends the test driver to libvirt-sock', () => {
    expect(candidates('test:///default')).toEqual(['/run/libvirt/libvirt-sock']);
    expect(candidates('test:///tmp/hosts.xml')).toEqual(['/run/libvirt/libvirt-sock']);
  });

  it('looks for session daemons in the runtime directory', () => {
    expect(candidates('qemu:///session', '/run/user/1000/')).toEqual([
      '/run/user/1000/libvirt/virtqemud-sock',
      '/run/user/1000/libvirt/libvirt-sock',
    ]);
    expect(candidates('qemu:///session')).toEqual([]);
    expect(candidates('qemu:///session', '')).toEqual([]);
  });

  it('tells session URIs from system ones', () => {
    expect(isSessionUri(parseLibvirtUri('qemu:///session'))).toBe(true);
    expect(isSessionUri(parseLibvirtUri('qemu:///system'))).toBe(false);
    expect(isSessionUri(parseLibvirtUri('test:///default'))).toBe(false);
  });
});
