/**
 * libvirt's conversions between domain XML and a hypervisor's own config format (virsh
 * domxml-from-native / domxml-to-native): nothing is defined, the driver only translates.
 */
import type { RpcClient } from './rpc/client';

/** A native config (an lxc-tools config, an xl.cfg...) as the driver would define it. */
export async function domainXmlFromNative(
  rpc: RpcClient,
  format: string,
  config: string,
): Promise<string> {
  const ret = await rpc.call('CONNECT_DOMAIN_XML_FROM_NATIVE', {
    nativeFormat: format,
    nativeConfig: config,
    flags: 0,
  });
  return ret.domainXml;
}

/** Domain XML in the driver's own config format. */
export async function domainXmlToNative(
  rpc: RpcClient,
  format: string,
  xml: string,
): Promise<string> {
  const ret = await rpc.call('CONNECT_DOMAIN_XML_TO_NATIVE', {
    nativeFormat: format,
    domainXml: xml,
    flags: 0,
  });
  return ret.nativeConfig;
}
