/**
 * The wizard's OS defaults beside what virt-install chooses on this same host for the same OS:
 * `virt-install --print-xml` is run here and its XML compared field by field (machine type,
 * firmware, TPM, disk and CD-ROM bus, NIC model, video, RNG, agent channel, balloon, sound,
 * memory and vCPUs). An OS newer than this host's osinfo-db (Debian 12, Ubuntu 24.04) is compared
 * with the generic entry virt-install would be given for it (its `like`), resources excepted.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { builtInOs } from '../../../src/main/services/newVm/osCapabilities';
import { osCatalogue, osDefaultsFor } from '../../../src/main/services/newVm/osDefaults';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import type { Element } from '@xmldom/xmldom';

const execFileAsync = promisify(execFile);
const host = new LocalHost();
// virt-install defines a storage pool for the directory of each --disk path it is given, even with
// --dry-run: a directory of our own, whose pool (named after it) is removed afterwards.
const DIR = mkdtempSync('/tmp/vdk-wizard-print-');
const POOL = basename(DIR);
const ISO = join(DIR, 'media.iso');
// virt-install only checks that the CD-ROM's file exists.
writeFileSync(ISO, '');
afterAll(async () => {
  for (const verb of ['pool-destroy', 'pool-undefine']) {
    await execFileAsync('virsh', ['-c', 'qemu:///system', verb, POOL]).catch(() => {});
  }
  rmSync(DIR, { recursive: true, force: true });
  await host.close();
});

interface Chosen {
  machine: string;
  firmware: string;
  tpm: boolean;
  diskBus: string;
  cdromBus: string;
  nicModel: string;
  video: string;
  rng: boolean;
  guestAgent: boolean;
  balloon: boolean;
  sound: string;
  memoryMiB?: number;
  vcpus: number;
}

/** Runs virt-install for `osinfo` and reads what it chose from its final (post-install) XML. */
async function virtInstallChoice(osinfo: string, memory: boolean): Promise<Chosen> {
  const args = [
    '--connect',
    'qemu:///system',
    '--print-xml',
    '2',
    '--dry-run',
    '--noautoconsole',
    '--osinfo',
    osinfo,
    '--name',
    'vdk-wizard-print',
    '--graphics',
    'vnc',
    '--sound',
    'default',
    '--disk',
    `size=10,path=${join(DIR, 'disk.qcow2')}`,
    '--cdrom',
    ISO,
  ];
  if (!memory) args.push('--memory', '1024');
  const { stdout } = await execFileAsync('virt-install', args);
  const dom = parseXml(stdout).documentElement as Element;
  const os = firstChild(dom, 'os') as Element;
  const devices = firstChild(dom, 'devices') as Element;
  const disks = childElements(devices, 'disk');
  const bus = (device: string) =>
    attribute(
      firstChild(
        disks.find((d) => attribute(d, 'device') === device)!,
        'target',
      ),
      'bus',
    );
  const machine = attribute(firstChild(os, 'type'), 'machine') ?? '';
  const channels = childElements(devices, 'channel');
  return {
    machine: machine.includes('q35') ? 'q35' : 'pc',
    firmware: attribute(os, 'firmware') === 'efi' ? 'efi' : 'bios',
    tpm: childElements(devices, 'tpm').length > 0,
    diskBus: bus('disk') ?? '',
    cdromBus: bus('cdrom') ?? '',
    nicModel: attribute(firstChild(firstChild(devices, 'interface')!, 'model'), 'type') ?? '',
    video: attribute(firstChild(firstChild(devices, 'video')!, 'model'), 'type') ?? '',
    rng: childElements(devices, 'rng').length > 0,
    guestAgent: channels.some(
      (c) => attribute(firstChild(c, 'target'), 'name') === 'org.qemu.guest_agent.0',
    ),
    balloon: childElements(devices, 'memballoon').some((b) => attribute(b, 'model') === 'virtio'),
    sound: attribute(firstChild(devices, 'sound'), 'model') ?? '',
    memoryMiB: memory ? Number(firstChild(dom, 'memory')?.textContent) / 1024 : undefined,
    vcpus: Number(firstChild(dom, 'vcpu')?.textContent),
  };
}

const CASES = [
  { os: 'debian12', has: { machine: 'q35', diskBus: 'virtio', nicModel: 'virtio', rng: true } },
  { os: 'ubuntu24.04', has: { machine: 'q35', diskBus: 'virtio', video: 'virtio' } },
  { os: 'fedora37', has: { machine: 'q35', diskBus: 'virtio', guestAgent: true } },
  { os: 'win10', has: { machine: 'q35', diskBus: 'sata', nicModel: 'e1000e', tpm: false } },
  { os: 'win11', has: { firmware: 'efi', tpm: true, secureBoot: true, vcpus: 4 } },
  { os: 'freebsd13.1', has: { machine: 'pc', diskBus: 'virtio', cdromBus: 'ide' } },
  { os: 'unknown', has: { machine: 'pc', diskBus: 'ide', nicModel: 'e1000', rng: false } },
] as const;

describe('OS defaults beside virt-install --print-xml on this host', () => {
  it.each(CASES)('$os', async ({ os, has }) => {
    const { entries } = await osCatalogue(host);
    const entry = entries.find((e) => e.shortId === os);
    expect(entry, `${os} is offered`).toBeDefined();
    const ours = await osDefaultsFor(host, os);
    expect(ours).toMatchObject(has);

    const sameOs = entry?.source === 'osinfo-db';
    const reference = sameOs ? os : builtInOs(os)?.like;
    expect(reference, `${os}: an osinfo id to compare with`).toBeDefined();
    // Resources come from the OS's own entry, so they are compared only for the same OS; an OS
    // without recommended memory in osinfo makes virt-install demand --memory.
    const resources = sameOs && ours.minMemoryMiB !== undefined;
    const theirs = await virtInstallChoice(reference!, resources);
    const mine: Chosen = {
      machine: ours.machine,
      firmware: ours.firmware,
      tpm: ours.tpm,
      diskBus: ours.diskBus,
      cdromBus: ours.cdromBus,
      nicModel: ours.nicModel,
      video: ours.video,
      rng: ours.rng,
      guestAgent: ours.guestAgent,
      balloon: ours.balloon,
      sound: ours.sound,
      memoryMiB: resources ? ours.memoryMiB : undefined,
      vcpus: ours.vcpus,
    };
    if (!sameOs) {
      // vCPUs too are a resource of the OS's own entry.
      mine.vcpus = theirs.vcpus;
    }
    expect(mine).toEqual(theirs);
  });
});
