/**
 * Appliances (OVA / OVF, Vagrant boxes) as a New VM source. The wizard read the appliance first
 * (newVm.appliance.open: services/appliances/stage.ts), which staged its disks into a pool; the
 * create takes that read, lets its format make the VM's disks from the staged volumes (converted
 * copies, an overlay on a box's base), and carries over what the appliance says of the hardware:
 * firmware, disk buses, NIC models and count. The wizard's own fields (name, memory, vCPUs, OS,
 * network) were pre-filled from the read and are the user's word.
 */
import { msg } from '../../../../shared/messages/message';
import { randomMac } from '../../../../shared/inputChecks';
import { APPLIANCE_FIELD } from '../../appliances/applianceTypes';
import {
  deleteStagedVolumes,
  finishedAppliance,
  takeStagedAppliance,
} from '../../appliances/stage';
import type { ApplianceInfo } from '../../../../shared/api/newVmTypes';
import type { NewDomainSpec } from '../../../xml/build/newDomain';
import type { InstallSourceKind } from './sourceTypes';

/** The hardware the appliance describes, onto the spec built from the OS defaults. */
export function applyApplianceHardware(info: ApplianceInfo, spec: NewDomainSpec): void {
  const defaults = spec.defaults;
  if (info.firmware && info.firmware !== defaults.firmware) {
    // An appliance made for BIOS or EFI boots only from that; Secure Boot is not promised.
    spec.defaults = { ...defaults, firmware: info.firmware, secureBoot: false };
  }
  const [first, ...more] = info.nics;
  if (spec.nic && first?.model) spec.nic = { ...spec.nic, model: first.model };
  if (spec.nic) {
    const source = spec.nic.source;
    // The extra NICs go on the network the user chose: the appliance's own network names mean
    // nothing on this host.
    spec.extraNics = more.map((nic) => ({ source, mac: randomMac(), model: nic.model }));
  }
}

/** A bus the machine type has: q35 has no IDE controller, SATA takes its disks. */
function busFor<B extends string | undefined>(bus: B, spec: NewDomainSpec): B | 'sata' {
  return bus === 'ide' && spec.defaults.machine === 'q35' ? 'sata' : bus;
}

export const applianceSource: InstallSourceKind<'appliance'> = {
  async check(_rpc, _files, options, fields) {
    if (!options.source.stageId) {
      fields[APPLIANCE_FIELD] =
        'Read an appliance first: an .ova, an .ovf with its disks, or a .box';
      return;
    }
    try {
      finishedAppliance(options.connectionId, options.source.stageId);
    } catch (err) {
      fields[APPLIANCE_FIELD] = err instanceof Error ? err.message : String(err);
    }
  },
  steps(options) {
    try {
      const { info, reader } = finishedAppliance(options.connectionId, options.source.stageId);
      return reader.steps?.(info) ?? [msg('newVm.createDisks')];
    } catch {
      // The check says why; no steps are run then.
      return [];
    }
  },
  async prepare(job, spec) {
    const { connectionId, source } = job.options;
    const taken = takeStagedAppliance(connectionId, source.stageId);
    applyApplianceHardware(taken.info, spec);
    const first = spec.disks.length;
    try {
      if (!taken.reader.steps) job.step(msg('newVm.createDisks'));
      await taken.reader.makeDisks(job, taken.info, spec);
    } catch (err) {
      // Nothing of the read stays behind a failed create (a box's kept base excepted).
      await deleteStagedVolumes(job.rpc, taken.volumes);
      throw err;
    }
    for (const disk of spec.disks.slice(first)) disk.bus = busFor(disk.bus, spec);
  },
};
