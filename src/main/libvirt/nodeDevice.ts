/** Host devices (virsh nodedev-list / nodedev-dumpxml): PCI and USB devices a guest may take. */
import type { RpcClient } from './rpc/client';

/** Node device names; `flags`: virConnectListAllNodeDeviceFlags (e.g. capability filters). */
export async function listNodeDevices(rpc: RpcClient, flags = 0): Promise<string[]> {
  const ret = await rpc.call('CONNECT_LIST_ALL_NODE_DEVICES', { need_results: 1, flags });
  return ret.devices.map((d) => d.name);
}

export async function getNodeDeviceXml(rpc: RpcClient, name: string): Promise<string> {
  return (await rpc.call('NODE_DEVICE_GET_XML_DESC', { name, flags: 0 })).xml;
}
