/**
 * Native configs (issue 19): an lxc-tools config or a Xen xl.cfg converted to domain XML by libvirt (CONNECT_DOMAIN_XML_FROM_NATIVE), previewed then defined; a VM shown as a native config (DOMAIN_XML_TO_NATIVE).
 */
import * as v from 'valibot';
import { NATIVE_FORMATS } from '../../nativeConfig';
import { connectionId, oneOf, text, vmRef, type MethodsOf, type ResultSchemas } from '../schema';

const format = oneOf(NATIVE_FORMATS, 'format');
const formatList = v.array(v.picklist(NATIVE_FORMATS));

export const nativeConfigParams = {
  /** Which formats this connection's driver converts from (import) and to (show as). */
  'nativeConfig.formats': v.object({ connectionId }),
  /** The config (pasted, or a file on the host) as domain XML; nothing is defined. */
  'nativeConfig.toXml': v.object({
    connectionId,
    format,
    source: v.union(
      [
        v.object({ text: v.string('Missing or invalid "source.text"') }),
        v.object({ hostPath: text('source.hostPath') }),
      ],
      'Missing config source',
    ),
  }),
  /** Defines the previewed XML as a new VM (refused when a VM of that name or UUID exists). */
  'nativeConfig.define': v.object({ connectionId, xml: text('xml') }),
  /** A VM's persistent config in a native format ("Show as xl.cfg"). */
  'nativeConfig.fromVm': v.object({ ...vmRef, format }),
};

export const nativeConfigResults = {
  'nativeConfig.formats': v.object({ from: formatList, to: formatList }),
  'nativeConfig.toXml': v.object({ xml: v.string(), name: v.string() }),
  'nativeConfig.define': v.object({ uuid: v.string(), name: v.string() }),
  'nativeConfig.fromVm': v.object({ config: v.string() }),
} satisfies ResultSchemas<typeof nativeConfigParams>;

export type NativeConfigMethods = MethodsOf<typeof nativeConfigParams, typeof nativeConfigResults>;
