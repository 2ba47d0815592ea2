/**
 * The native config formats Virtdeck converts through libvirt, and which a connection's driver
 * offers each way. libvirt's LXC driver reads lxc-tools configs but cannot write them (it has no
 * domxml-to-native); the libxl driver reads and writes xl.cfg (xen-xl) and the older SXP
 * (xen-sxpr). QEMU's own format (qemu-argv) is not offered: the wizard covers it.
 */
import type { LibvirtDriver } from './libvirtUri';

export const NATIVE_FORMATS = ['lxc-tools', 'xen-xl', 'xen-sxpr'] as const;
export type NativeFormat = (typeof NATIVE_FORMATS)[number];

export interface NativeFormats {
  /** Formats a config can be imported from on this driver. */
  from: readonly NativeFormat[];
  /** Formats a VM can be shown as ("Show as xl.cfg"). */
  to: readonly NativeFormat[];
}

const BY_DRIVER: Partial<Record<LibvirtDriver, NativeFormats>> = {
  lxc: { from: ['lxc-tools'], to: [] },
  xen: { from: ['xen-xl', 'xen-sxpr'], to: ['xen-xl', 'xen-sxpr'] },
};

export function nativeFormatsOf(driver: LibvirtDriver): NativeFormats {
  return BY_DRIVER[driver] ?? { from: [], to: [] };
}
