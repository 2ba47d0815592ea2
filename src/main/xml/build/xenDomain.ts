/**
 * A new Xen guest's domain XML for libvirt's libxl driver (xen:///system), as the New VM wizard
 * builds it on a Xen connection: PV with a direct kernel (kernel, initrd, cmdline) or a bootloader
 * (pygrub), or HVM (hvmloader, ACPI/APIC/PAE, a VNC display). The nodes are the ones libvirt's own
 * xl.cfg conversion produces for the same guest (test/fixtures/xen/), so a guest made here and one
 * imported from an xl.cfg read the same on the details page. User text goes through the DOM.
 */
import { specToXml, x, type XmlSpec } from '../xmlBuild';
import { graphicsSpecXml } from '../edits/domain/graphics';
import { nicSpecXml } from '../edits/domain/interfaces';

/** Where xen-tools and Debian's xen-utils put hvmloader; the libxl driver's default too. */
export const XEN_HVMLOADER = '/usr/lib/xen/boot/hvmloader';

export type XenBoot =
  | { kind: 'pv-kernel'; kernel: string; initrd?: string; cmdline?: string }
  | { kind: 'pv-bootloader'; bootloader: string; args?: string }
  | {
      kind: 'hvm';
      /** The boot order: one device, or several (`['cdrom', 'hd']`: an install, xl's boot="dc"). */
      bootDev: XenBootDev | readonly XenBootDev[];
      loader?: string;
    };

type XenBootDev = 'hd' | 'cdrom' | 'network';

export interface XenDisk {
  /** An image file (qdisk backend) or a block device such as an LVM volume (phy backend). */
  source: { file: string } | { dev: string };
  format: 'raw' | 'qcow2';
  /** xvda, xvdb... (the xen bus, as xen-create-image names them); hdc for an HVM CD-ROM. */
  target: string;
  /** xen (the default); ide for an HVM guest's installer CD-ROM, which hvmloader boots from. */
  bus?: 'xen' | 'ide';
  device?: 'disk' | 'cdrom';
}

export interface XenDomainSpec {
  name: string;
  uuid: string;
  memoryMiB: number;
  vcpus: number;
  arch?: string;
  boot: XenBoot;
  disks: XenDisk[];
  /** vif bridge=xenbr0 with its MAC. */
  nics: { bridge: string; mac: string }[];
  /** A VNC display (HVM's emulated card; a PV guest's vfb). */
  vnc?: { listen: string };
}

function osSpec(spec: XenDomainSpec): XmlSpec {
  const arch = spec.arch ?? 'x86_64';
  const { boot } = spec;
  if (boot.kind === 'hvm') {
    return x('os', {}, [
      x('type', { arch, machine: 'xenfv' }, [], 'hvm'),
      x('loader', { type: 'rom' }, [], boot.loader ?? XEN_HVMLOADER),
      ...(typeof boot.bootDev === 'string' ? [boot.bootDev] : boot.bootDev).map((dev) =>
        x('boot', { dev }),
      ),
    ]);
  }
  return x('os', {}, [
    x('type', { arch, machine: 'xenpv' }, [], 'linux'),
    boot.kind === 'pv-kernel' && x('kernel', {}, [], boot.kernel),
    boot.kind === 'pv-kernel' && boot.initrd !== undefined && x('initrd', {}, [], boot.initrd),
    boot.kind === 'pv-kernel' && boot.cmdline !== undefined && x('cmdline', {}, [], boot.cmdline),
  ]);
}

function diskSpec(disk: XenDisk): XmlSpec {
  const device = disk.device ?? 'disk';
  const isFile = 'file' in disk.source;
  return x('disk', { type: isFile ? 'file' : 'block', device }, [
    // libxl's backends: qdisk (QEMU) for image files, phy for block devices.
    x('driver', { name: isFile ? 'qemu' : 'phy', type: disk.format }),
    x('source', 'file' in disk.source ? { file: disk.source.file } : { dev: disk.source.dev }),
    x('target', { dev: disk.target, bus: disk.bus ?? 'xen' }),
    device === 'cdrom' && x('readonly'),
  ]);
}

export function xenDomainSpec(spec: XenDomainSpec): XmlSpec {
  const memoryKiB = spec.memoryMiB * 1024;
  const { boot } = spec;
  return x('domain', { type: 'xen' }, [
    x('name', {}, [], spec.name),
    x('uuid', {}, [], spec.uuid),
    x('memory', { unit: 'KiB' }, [], String(memoryKiB)),
    x('currentMemory', { unit: 'KiB' }, [], String(memoryKiB)),
    x('vcpu', { placement: 'static' }, [], String(spec.vcpus)),
    boot.kind === 'pv-bootloader' && x('bootloader', {}, [], boot.bootloader),
    boot.kind === 'pv-bootloader' &&
      boot.args !== undefined &&
      x('bootloader_args', {}, [], boot.args),
    osSpec(spec),
    boot.kind === 'hvm' && x('features', {}, [x('acpi'), x('apic'), x('pae')]),
    x('devices', {}, [
      ...spec.disks.map(diskSpec),
      ...spec.nics.map((nic) =>
        nicSpecXml({ source: { kind: 'bridge', bridge: nic.bridge }, mac: nic.mac }),
      ),
      spec.vnc && graphicsSpecXml({ type: 'vnc', listen: spec.vnc.listen }),
    ]),
  ]);
}

export function xenDomainXml(spec: XenDomainSpec): string {
  return `${specToXml(xenDomainSpec(spec))}\n`;
}
