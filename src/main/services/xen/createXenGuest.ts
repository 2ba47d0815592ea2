/**
 * A new Xen guest on a xen:// connection (libvirt's libxl driver): its XML built by
 * xml/build/xenDomain.ts once every check passed, defined, and started when asked; a guest that
 * cannot start is undefined again, so a failed create leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import type { XenGuestOptions } from '../../../shared/api/methods/xen';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';
import { defineAndStart } from '../defineAndStart';
import { xenDomainXml, type XenDisk, type XenDomainSpec } from '../../xml/build/xenDomain';
import { checkXenGuest, type XenChecked } from './xenChecks';
import { xenHostFacts } from './xenHostFacts';

/** libxl's default bootloader for a PV guest booting the kernel inside its disk. */
const DEFAULT_BOOTLOADER = 'pygrub';

/** Where an HVM guest's VNC display listens: the host only (reach it over SSH). */
const VNC_LISTEN = '127.0.0.1';

function requireXen(conn: LibvirtConnection): void {
  if (conn.uri.driver !== 'xen') throw new VirtdeckError('invalid-input', msg('xen.notXen'));
}

/** The checked options as xenDomain.ts's spec. */
function xenGuestSpec(options: XenGuestOptions, checked: XenChecked, uuid: string): XenDomainSpec {
  const disk = options.disk.trim();
  const disks: XenDisk[] = [
    {
      source: checked.diskIsBlock ? { dev: disk } : { file: disk },
      format: options.diskFormat,
      target: 'xvda',
    },
  ];
  let boot: XenDomainSpec['boot'];
  if (options.kind === 'pv-kernel') {
    boot = {
      kind: 'pv-kernel',
      kernel: options.kernel ?? '',
      ...(options.initrd !== undefined && { initrd: options.initrd }),
      ...(options.cmdline !== undefined && { cmdline: options.cmdline }),
    };
  } else if (options.kind === 'pv-bootloader') {
    boot = { kind: 'pv-bootloader', bootloader: options.bootloader ?? DEFAULT_BOOTLOADER };
  } else {
    // The disk first: an empty one does not boot, so the installer CD does; once installed, the
    // disk boots and the CD is left alone (xl's boot="cd").
    boot = { kind: 'hvm', bootDev: ['hd', 'cdrom'] };
    disks.push({
      source: { file: options.iso ?? '' },
      format: 'raw',
      target: 'hdc',
      bus: 'ide',
      device: 'cdrom',
    });
  }
  const { network } = options;
  return {
    name: options.name.trim(),
    uuid,
    memoryMiB: options.memoryMiB,
    vcpus: options.vcpus,
    boot,
    disks,
    nics:
      network.kind === 'bridge'
        ? [{ bridge: network.name.trim(), mac: network.mac.trim().toLowerCase() }]
        : [],
    ...(options.kind === 'hvm' && { vnc: { listen: VNC_LISTEN } }),
  };
}

/** The XML `createXenGuest` would define, after the same checks; nothing is defined. */
export async function previewXenGuestXml(
  host: Host,
  conn: LibvirtConnection,
  options: XenGuestOptions,
): Promise<{ xml: string; uuid: string }> {
  requireXen(conn);
  const facts = await xenHostFacts(host, conn.rpc);
  const checked = await checkXenGuest(host, conn.rpc, facts, options);
  const uuid = options.uuid ?? randomUUID();
  return { xml: xenDomainXml(xenGuestSpec(options, checked, uuid)), uuid };
}

export async function createXenGuest(
  host: Host,
  conn: LibvirtConnection,
  options: XenGuestOptions,
): Promise<{ uuid: string; name: string }> {
  const { xml } = await previewXenGuestXml(host, conn, options);
  return defineAndStart(conn, xml, options.start === true, msg('xen.startFailed'));
}
