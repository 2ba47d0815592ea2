/** LXC containers for tests: removal that works on the LXC driver, which takes no undefine flags. */
import { destroyDomain, lookupDomainByName, undefineDomain } from '../../src/main/libvirt/domain';
import type { RpcClient } from '../../src/main/libvirt/rpc/client';

/** Force-stops and undefines each named container that is there; one not there is skipped. */
export async function removeContainers(rpc: RpcClient, names: string[]): Promise<void> {
  for (const name of names) {
    const dom = await lookupDomainByName(rpc, name).catch(() => null);
    if (!dom) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(rpc, dom).catch(() => {});
  }
}
