/**
 * The order in which libvirt formats a domain's elements (virDomainDefFormat). New elements are
 * inserted at their place in it so the document reads as libvirt would print it; libvirt itself
 * accepts any order (its schema interleaves), so this is for people, not for the parser.
 */
import type { Element } from '@xmldom/xmldom';
import { firstChild } from '../../xmlDocument';
import { ensureChild } from '../../xmlEdit';
import { invalidInput } from '../../../../shared/inputChecks';

export const DOMAIN_ORDER = [
  'name',
  'uuid',
  'genid',
  'title',
  'description',
  'metadata',
  'maxMemory',
  'memory',
  'currentMemory',
  'blkiotune',
  'memtune',
  'memoryBacking',
  'vcpu',
  'vcpus',
  'iothreads',
  'iothreadids',
  'cputune',
  'numatune',
  'resource',
  'sysinfo',
  'bootloader',
  'bootloader_args',
  'os',
  'idmap',
  'features',
  'cpu',
  'clock',
  'on_poweroff',
  'on_reboot',
  'on_crash',
  'on_lockfailure',
  'pm',
  'perf',
  'devices',
  'seclabel',
  'keywrap',
  'launchSecurity',
] as const;

export const DEVICE_ORDER = [
  'emulator',
  'disk',
  'controller',
  'lease',
  'filesystem',
  'interface',
  'smartcard',
  'serial',
  'parallel',
  'console',
  'channel',
  'input',
  'tpm',
  'graphics',
  'sound',
  'audio',
  'video',
  'hostdev',
  'redirdev',
  'redirfilter',
  'hub',
  'watchdog',
  'memballoon',
  'rng',
  'panic',
  'shmem',
  'memory',
  'iommu',
  'vsock',
  'crypto',
] as const;

export const OS_ORDER = [
  'type',
  'firmware',
  'loader',
  'nvram',
  'boot',
  'bootmenu',
  'smbios',
  'bios',
  'kernel',
  'initrd',
  'cmdline',
  'dtb',
  'acpi',
  'init',
  'initarg',
  'initenv',
  'initdir',
  'inituser',
  'initgroup',
] as const;

/** The domain's <devices>, created when missing. */
export function devicesOf(domain: Element): Element {
  return ensureChild(domain, 'devices', DOMAIN_ORDER);
}

/** The devices named `name` (direct children of <devices>). */
export function devicesNamed(domain: Element, name: string): Element[] {
  const devices = firstChild(domain, 'devices');
  if (!devices) return [];
  const out: Element[] = [];
  for (let n = devices.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE && n.nodeName === name) out.push(n as Element);
  }
  return out;
}

/** The `index`-th device named `name`, or invalid-input naming what is missing. */
export function deviceAt(domain: Element, name: string, index: number): Element {
  const el = devicesNamed(domain, name)[index];
  if (!el) throw invalidInput(`The domain has no ${name} #${index + 1}`, 'device');
  return el;
}
