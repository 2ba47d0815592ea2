/**
 * A new VM's domain XML, built from the wizard's choices and the OS defaults with the device
 * builders of edits/domain/ (the same XML the VM details page adds later). Every user text (the
 * name, paths, network names) is set through the DOM, never pasted into markup.
 *
 * Two phases, as virt-install does: the install XML boots the media first and is destroyed on the
 * guest's first reboot (on_reboot=destroy); the final XML, defined once the install has started,
 * boots from the disk, so the next start runs the installed system.
 */
import type { OsDefaults } from '../../../shared/api/newVmTypes';
import { specToXml, x, type XmlSpec } from '../xmlBuild';
import {
  channelXml,
  controllerXml,
  inputXml,
  rngXml,
  serialXml,
  soundXml,
  videoXml,
} from '../edits/domain/deviceBuilders';
import { diskSpecXml, targetPrefix, type DiskBus } from '../edits/domain/disks';
import { graphicsSpecXml } from '../edits/domain/graphics';
import { nicSpecXml, type NicSource } from '../edits/domain/interfaces';
import { tpmSpecXml } from '../edits/domain/tpm';

export interface NewDomainDisk {
  path: string;
  format: 'qcow2' | 'raw';
  /** Defaults to the OS's disk bus. */
  bus?: DiskBus;
}

export interface NewDomainNic {
  source: NicSource;
  mac: string;
  model?: string;
}

export interface NewDomainSpec {
  name: string;
  uuid: string;
  virtType: 'kvm' | 'qemu';
  arch: string;
  /** Only set to force one (tests); libvirt picks the host's default otherwise. */
  emulator?: string;
  memoryMiB: number;
  vcpus: number;
  defaults: OsDefaults;
  /** libosinfo's full id, kept in <metadata> as virt-install does. */
  osinfoId?: string;
  disks: NewDomainDisk[];
  /** The install ISO, as a CD-ROM. */
  cdrom?: string;
  /**
   * A CD-ROM of the install definition only: the cloud-init NoCloud seed, which virt-install
   * also leaves out of the final definition.
   */
  seedCdrom?: string;
  /** Network install: kernel and initrd fetched from the tree (install phase only). */
  kernel?: { kernel: string; initrd: string; args?: string };
  /** The NIC; `model` (an appliance's) overrides the OS default. */
  nic?: NewDomainNic;
  /** Further NICs (an appliance describes several), after the first. */
  extraNics?: NewDomainNic[];
  /** What the install boots: the CD-ROM, the network (PXE), the kernel, or the disk (import). */
  installBoot: 'cdrom' | 'network' | 'kernel' | 'hd';
  /** Pass the host's CPU through (KVM only; the default there, as virt-install does). */
  hostCpu?: boolean;
  /** The final XML's boot order; only the disk by default. */
  finalBoot?: ('hd' | 'cdrom' | 'network')[];
}

const LIBOSINFO_NS = 'http://libosinfo.org/xmlns/libvirt/domain/1.0';

function diskTarget(bus: DiskBus, index: number): string {
  return `${targetPrefix(bus)}${String.fromCharCode(97 + index)}`;
}

function devices(spec: NewDomainSpec, phase: 'install' | 'final'): XmlSpec[] {
  const d = spec.defaults;
  const used = new Map<string, number>();
  const nextTarget = (bus: DiskBus) => {
    // sata and scsi share the sd* names, as libvirt counts them.
    const key = targetPrefix(bus);
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    return diskTarget(bus, n);
  };
  const q35 = d.machine === 'q35';
  const list: (XmlSpec | false | undefined)[] = [
    spec.emulator !== undefined && x('emulator', {}, [], spec.emulator),
    ...spec.disks.map((disk) => {
      const bus = disk.bus ?? d.diskBus;
      return diskSpecXml({
        device: 'disk',
        bus,
        target: nextTarget(bus),
        source: { kind: 'file', path: disk.path },
        format: disk.format,
      });
    }),
    spec.cdrom !== undefined &&
      diskSpecXml({
        device: 'cdrom',
        bus: d.cdromBus,
        target: nextTarget(d.cdromBus),
        source: { kind: 'file', path: spec.cdrom },
        format: 'raw',
      }),
    phase === 'install' &&
      spec.seedCdrom !== undefined &&
      diskSpecXml({
        device: 'cdrom',
        bus: d.cdromBus,
        target: nextTarget(d.cdromBus),
        source: { kind: 'file', path: spec.seedCdrom },
        format: 'raw',
      }),
    x('controller', {
      type: 'usb',
      model: d.usbController,
      ports: d.usbController === 'qemu-xhci' ? 15 : undefined,
    }),
    // Room to hot-plug a few PCIe devices later (libvirt only adds ports for what is there now).
    ...(q35
      ? [1, 2, 3, 4, 5, 6].map((index) =>
          controllerXml({ type: 'pci', index, model: 'pcie-root-port' }),
        )
      : []),
    ...[spec.nic, ...(spec.extraNics ?? [])].map(
      (nic) =>
        nic && nicSpecXml({ source: nic.source, model: nic.model ?? d.nicModel, mac: nic.mac }),
    ),
    serialXml({ kind: 'serial' }),
    serialXml({ kind: 'console', targetType: 'serial' }),
    d.guestAgent && channelXml('guest-agent'),
    d.tablet && inputXml({ type: 'tablet', bus: 'usb' }),
    d.tpm && tpmSpecXml({ model: 'tpm-crb', backend: { kind: 'emulator', version: '2.0' } }),
    graphicsSpecXml({ type: 'vnc' }),
    soundXml(d.sound),
    videoXml({ model: d.video }),
    x('memballoon', { model: d.balloon ? 'virtio' : 'none' }),
    d.rng && rngXml(),
  ];
  return list.filter((el): el is XmlSpec => !!el);
}

function osElement(spec: NewDomainSpec, phase: 'install' | 'final'): XmlSpec {
  const d = spec.defaults;
  const boot =
    phase === 'final'
      ? (spec.finalBoot ?? ['hd'])
      : spec.installBoot === 'hd'
        ? ['hd']
        : [spec.installBoot, 'hd'];
  const kernel = phase === 'install' ? spec.kernel : undefined;
  return x('os', { firmware: d.firmware === 'efi' ? 'efi' : undefined }, [
    x('type', { arch: spec.arch, machine: d.machine }, [], 'hvm'),
    d.firmware === 'efi' &&
      x('firmware', {}, [
        x('feature', { enabled: d.secureBoot ? 'yes' : 'no', name: 'secure-boot' }),
        x('feature', { enabled: d.secureBoot ? 'yes' : 'no', name: 'enrolled-keys' }),
      ]),
    ...(kernel ? [] : boot.map((dev) => x('boot', { dev }))),
    kernel !== undefined && x('kernel', {}, [], kernel.kernel),
    kernel !== undefined && x('initrd', {}, [], kernel.initrd),
    kernel?.args ? x('cmdline', {}, [], kernel.args) : undefined,
  ]);
}

function features(spec: NewDomainSpec): XmlSpec {
  const d = spec.defaults;
  return x('features', {}, [
    x('acpi'),
    x('apic'),
    d.windows &&
      x('hyperv', { mode: 'custom' }, [
        x('relaxed', { state: 'on' }),
        x('vapic', { state: 'on' }),
        x('spinlocks', { state: 'on', retries: 8191 }),
      ]),
    // Secure Boot firmware needs System Management Mode.
    d.secureBoot && x('smm', { state: 'on' }),
    x('vmport', { state: 'off' }),
  ]);
}

/** The domain XML for `phase` (see the module comment). */
export function newDomainXml(spec: NewDomainSpec, phase: 'install' | 'final'): string {
  const d = spec.defaults;
  const kvm = spec.virtType === 'kvm';
  return specToXml(
    x('domain', { type: spec.virtType }, [
      x('name', {}, [], spec.name),
      x('uuid', {}, [], spec.uuid),
      spec.osinfoId !== undefined &&
        x('metadata', {}, [
          x('libosinfo:libosinfo', { 'xmlns:libosinfo': LIBOSINFO_NS }, [
            x('libosinfo:os', { id: spec.osinfoId }),
          ]),
        ]),
      x('memory', { unit: 'MiB' }, [], String(spec.memoryMiB)),
      x('currentMemory', { unit: 'MiB' }, [], String(spec.memoryMiB)),
      x('vcpu', {}, [], String(spec.vcpus)),
      osElement(spec, phase),
      features(spec),
      // Under TCG there is no host CPU to pass through: QEMU's default model is what works.
      kvm && spec.hostCpu !== false && x('cpu', { mode: 'host-passthrough' }),
      x('clock', { offset: d.windows ? 'localtime' : 'utc' }, [
        x('timer', { name: 'rtc', tickpolicy: 'catchup' }),
        x('timer', { name: 'pit', tickpolicy: 'delay' }),
        x('timer', { name: 'hpet', present: 'no' }),
        d.windows && x('timer', { name: 'hypervclock', present: 'yes' }),
      ]),
      x('on_poweroff', {}, [], 'destroy'),
      x('on_reboot', {}, [], phase === 'install' ? 'destroy' : 'restart'),
      x('on_crash', {}, [], 'destroy'),
      x('pm', {}, [
        x('suspend-to-mem', { enabled: 'no' }),
        x('suspend-to-disk', { enabled: 'no' }),
      ]),
      x('devices', {}, devices(spec, phase)),
    ]),
  );
}
