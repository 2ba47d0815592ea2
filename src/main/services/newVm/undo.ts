import type { RpcClient } from '../../libvirt/rpc/client';
import type { DomainRef, StorageVolumeRef } from '../../libvirt/refs';
import { destroyDomain, undefineDomain } from '../../libvirt/domain';
import { deleteVolume } from '../../libvirt/storageVolume';
import { virDomainUndefineFlagsValues } from '../../libvirt/rpc/generated/libvirtEnums';

/**
 * What a failed create removes, newest first: the domain (with its NVRAM and TPM state), then
 * the volumes. The clone job (services/vmClone) undoes with it too.
 */
export class Undo {
  private readonly volumes: StorageVolumeRef[] = [];
  private domain: DomainRef | undefined;
  /** Stops the first-reboot watch of a VM whose create failed. */
  unwatch: (() => void) | undefined;

  constructor(private readonly rpc: RpcClient) {}

  volume(vol: StorageVolumeRef): void {
    this.volumes.push(vol);
  }

  defined(dom: DomainRef): void {
    this.domain = dom;
  }

  async run(): Promise<string[]> {
    const problems: string[] = [];
    const rpc = this.rpc;
    this.unwatch?.();
    if (this.domain) {
      const dom = this.domain;
      // Fails when it is not running, which is fine: only a stopped domain can be undefined.
      await destroyDomain(rpc, dom).catch(() => {});
      const {
        VIR_DOMAIN_UNDEFINE_NVRAM,
        VIR_DOMAIN_UNDEFINE_TPM,
        VIR_DOMAIN_UNDEFINE_MANAGED_SAVE,
        VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
      } = virDomainUndefineFlagsValues;
      const all =
        VIR_DOMAIN_UNDEFINE_NVRAM |
        VIR_DOMAIN_UNDEFINE_TPM |
        VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
        VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
      // An older libvirt does not know the TPM flag: NVRAM at least must go.
      await undefineDomain(rpc, dom, all)
        .catch(() =>
          undefineDomain(rpc, dom, VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_MANAGED_SAVE),
        )
        .catch((e: unknown) => problems.push(`VM: ${String(e)}`));
    }
    for (const vol of [...this.volumes].reverse()) {
      await deleteVolume(rpc, vol).catch((e: unknown) =>
        problems.push(`${vol.name}: ${String(e)}`),
      );
    }
    return problems;
  }
}
