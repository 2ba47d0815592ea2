/**
 * The modern test host (Debian 13: libvirt 11.x, QEMU 10.x; scripts/test-host/modern-host.sh)
 * is what it says it is, reached as any remote host is: the app's SshHost to its sshd on the veth
 * address and the RPC client through virt-ssh-helper. Its guests run under TCG (no /dev/kvm
 * there). A guest's whole lifecycle on it runs in test/integration/libvirt/qemuLifecycle.test.ts,
 * as on every transport; snapshots, delete, consoles and create run there too
 * (modernTransport / libvirtGenerations in test/support/transports.ts). When the host is not up,
 * this file fails with the command to start it (loadModernHost), it never skips.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { loadModernHost } from '../../support/modernHost';
import { modernTransport } from '../../support/transports';

describe('the modern test host', () => {
  // Read while collecting, as transports() reads the main host: a host that is not up fails the
  // file with the command to start it, instead of showing its tests as skipped.
  const env = loadModernHost();
  const transport = modernTransport();
  let host: Host;
  let conn: LibvirtConnection;

  beforeAll(async () => {
    host = transport.makeHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
  });

  afterAll(async () => {
    await conn?.close();
    await host?.close();
  });

  it('is libvirt 11 with QEMU 10, over SSH, without KVM', async () => {
    const versions = await conn.versions();
    expect(versions.libvirtVersion).toMatch(/^11\./);
    expect(versions.libvirtVersion).toBe(env.libvirtVersion);
    expect(versions.hypervisorType).toBe('QEMU');
    expect(versions.hypervisorVersion).toMatch(/^10\./);
    // Guests there must run under TCG: the host has no /dev/kvm.
    expect(existsSync(transport.localPath('/dev/kvm'))).toBe(false);
    // And its files are its own: Debian 13's, not this machine's.
    expect(readFileSync(transport.localPath('/etc/debian_version'), 'utf8')).toMatch(/^13\./);
  });
});
