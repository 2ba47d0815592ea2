/**
 * OS-aware defaults, chosen by virt-install's own rules (virtinst/guest.py set_defaults and the
 * device default_model functions) from the OS's facts: q35 when the guest has the chipset and
 * virtio 1.0, UEFI (+ Secure Boot and a TPM) when the OS no longer boots with BIOS, virtio disk,
 * NIC, GPU, RNG, balloon and agent channel where the guest has drivers, else sata / e1000e on q35
 * and ide / e1000 on i440fx. Resources: osinfo's recommended value, else twice the minimum.
 */
import type { OsDefaults, OsEntry } from '../../../shared/api/newVmTypes';
import type { Host } from '../../hosts/host';
import { BUILT_IN_OSES, GENERIC, builtInOs, type OsCapabilities } from './osCapabilities';
import { queryHostOsList, readHostOsCapabilities, type HostOsEntry } from './osinfoDb';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** virt-install asks for these when osinfo has nothing; virt-manager offers the same. */
const FALLBACK = { memoryMiB: 1024, vcpus: 1, diskGiB: 20 };

/** The graphics the wizard gives every VM: VNC, which the app's console shows. */
export function defaultsFromCapabilities(
  shortId: string,
  caps: OsCapabilities,
  source: OsDefaults['source'],
): OsDefaults {
  const q35 = caps.q35;
  const efi = caps.efiOnly;
  const recommended = (key: keyof OsCapabilities['minimum']) => {
    const rec = caps.recommended[key];
    if (rec) return rec;
    const min = caps.minimum[key];
    return min ? min * 2 : undefined;
  };
  const ram = recommended('ramBytes');
  const storage = recommended('storageBytes');
  return {
    shortId,
    source,
    machine: q35 ? 'q35' : 'pc',
    firmware: efi ? 'efi' : 'bios',
    // Windows 11 refuses to install without Secure Boot and a TPM 2.0; virt-install adds a TPM to
    // every UEFI guest ("a modern platform") and the firmware it picks enrolls the keys.
    secureBoot: efi && caps.windows,
    tpm: efi,
    diskBus: caps.virtioDisk ? 'virtio' : q35 ? 'sata' : 'ide',
    cdromBus: q35 ? 'sata' : 'ide',
    nicModel: caps.virtioNet ? 'virtio' : q35 ? 'e1000e' : 'e1000',
    video: caps.virtioGpu ? 'virtio' : efi ? 'bochs' : 'vga',
    tablet: true,
    usbController: caps.usb3 ? 'qemu-xhci' : 'ich9-ehci1',
    rng: caps.virtioRng,
    guestAgent: caps.virtioSerial,
    balloon: caps.virtioBalloon,
    sound: q35 ? 'ich9' : 'ich6',
    windows: caps.windows,
    memoryMiB: ram ? Math.round(ram / MiB) : FALLBACK.memoryMiB,
    minMemoryMiB: caps.minimum.ramBytes ? Math.round(caps.minimum.ramBytes / MiB) : undefined,
    vcpus: recommended('cpus') ?? FALLBACK.vcpus,
    diskGiB: storage ? Math.floor(storage / GiB) : FALLBACK.diskGiB,
    minDiskGiB: caps.minimum.storageBytes ? Math.ceil(caps.minimum.storageBytes / GiB) : undefined,
  };
}

interface Catalogue {
  entries: OsEntry[];
  hostIds: Map<string, string>;
}

const catalogues = new WeakMap<Host, Promise<Catalogue>>();

async function loadCatalogue(host: Host): Promise<Catalogue> {
  const hostList: HostOsEntry[] = (await queryHostOsList(host)) ?? [];
  const hostIds = new Map(hostList.map((os) => [os.shortId, os.id]));
  const entries: OsEntry[] = hostList.map(({ id: _id, ...entry }) => entry);
  // The app's own entries fill what the host's database does not know (newer releases).
  for (const os of BUILT_IN_OSES) {
    if (!hostIds.has(os.shortId)) {
      const { caps: _caps, like: _like, ...entry } = os;
      entries.push({ ...entry, source: 'built-in' });
    }
  }
  return { entries, hostIds };
}

/** Every OS the wizard offers on this host (osinfo-db's, then the built-in ones it lacks). */
export function osCatalogue(host: Host): Promise<Catalogue> {
  let cached = catalogues.get(host);
  if (!cached) {
    cached = loadCatalogue(host);
    // A failed read is not remembered: the next wizard tries again.
    cached.catch(() => catalogues.delete(host));
    catalogues.set(host, cached);
  }
  return cached;
}

/** Defaults for `shortId` on `host`: from its osinfo-db when it knows the OS, else built in. */
export async function osDefaultsFor(host: Host, shortId: string): Promise<OsDefaults> {
  const { hostIds } = await osCatalogue(host);
  const id = hostIds.get(shortId);
  if (id) {
    const caps = await readHostOsCapabilities(host, id).catch(() => undefined);
    if (caps) return defaultsFromCapabilities(shortId, caps, 'osinfo-db');
  }
  const builtIn = builtInOs(shortId);
  return defaultsFromCapabilities(shortId, builtIn?.caps ?? GENERIC, 'built-in');
}
