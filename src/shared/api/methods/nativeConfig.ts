/**
 * Native configs (issue 19): an lxc-tools config or a Xen xl.cfg converted to domain XML by libvirt (CONNECT_DOMAIN_XML_FROM_NATIVE), previewed then defined; a VM shown as a native config (DOMAIN_XML_TO_NATIVE).
 * Being built (contract placeholder): methods are added to both maps below.
 */
import type { MethodsOf, ResultSchemas } from '../schema';

export const nativeConfigParams = {};

export const nativeConfigResults = {} satisfies ResultSchemas<typeof nativeConfigParams>;

export type NativeConfigMethods = MethodsOf<typeof nativeConfigParams, typeof nativeConfigResults>;
