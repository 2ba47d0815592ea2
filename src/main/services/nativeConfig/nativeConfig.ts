/**
 * Native configs (issue 19): an lxc-tools config or an xl.cfg, pasted or read from the host,
 * converted to domain XML by the connection's own driver (previewed; nothing is defined), the
 * previewed XML defined, and a VM shown in its driver's native format ("Show as xl.cfg").
 * libvirt's own words stay beside our message as the error's detail.
 */
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { nativeFormatsOf, type NativeFormat } from '../../../shared/nativeConfig';
import type { Host } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';
import {
  defineDomain,
  getDomainXml,
  lookupDomainByName,
  lookupDomainByUuid,
} from '../../libvirt/domain';
import { domainXmlFromNative, domainXmlToNative } from '../../libvirt/nativeConfig';
import { uuidFromString, uuidToString } from '../../libvirt/refs';
import { LibvirtError, undefinedIfNotFound } from '../../libvirt/rpc/errors';
import { virDomainXMLFlags, virErrorNumber } from '../../libvirt/rpc/generated/libvirtEnums';
import { firstChild, parseXml } from '../../xml/xmlDocument';
import { hostFileEntry, readAtMost } from '../hostFile';
import { openVm } from '../vmDetails/vmXml';

/** Where the config comes from: pasted text, or a file on the host (/var/lib/lxc/NAME/config). */
export type NativeSource = { text: string } | { hostPath: string };

/** A config file is a few kilobytes; anything far larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The config's text, from the form or read from the host (through its file access). */
async function configText(host: Host, source: NativeSource): Promise<string> {
  if ('text' in source) {
    if (source.text.trim() === '') {
      throw InvalidInputError.ofFields({ 'source.text': msg('xen.nativeEmpty') });
    }
    return source.text;
  }
  const path = source.hostPath;
  const field = 'source.hostPath';
  const refuse = (said: Message) => InvalidInputError.ofFields({ [field]: said });
  if (!path.startsWith('/')) throw refuse(msg('xen.nativePathNotAbsolute', { path }));
  const files = await host.files();
  const unreadable = msg('xen.nativeFileUnreadable', { path });
  const entry = await hostFileEntry(files, path, {
    field,
    unreadable: () => unreadable,
    notAFile: msg('xen.nativeNotAFile', { path }),
  });
  if (entry.size > MAX_CONFIG_BYTES) throw refuse(msg('xen.nativeFileTooLarge', { path }));
  const bytes = await readAtMost(files.createReadStream(path), MAX_CONFIG_BYTES).catch(
    (err: unknown) => {
      if (err instanceof VirtdeckError) throw err;
      throw refuse(unreadable);
    },
  );
  if (bytes === undefined) throw refuse(msg('xen.nativeFileTooLarge', { path }));
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw refuse(msg('xen.nativeEmpty'));
  return text;
}

/** libvirt's two conversions: the call, and what we say when a driver lacks it or refuses. */
const CONVERSIONS = {
  from: {
    call: domainXmlFromNative,
    unsupported: 'xen.nativeImportUnsupported',
    refused: 'xen.nativeUnparsable',
  },
  to: {
    call: domainXmlToNative,
    unsupported: 'xen.nativeExportUnsupported',
    refused: 'xen.nativeExportRefused',
  },
} as const;

/**
 * Converts `way` ('from' native config to domain XML, 'to' native) with the connection's driver,
 * refused first when the driver has no such conversion for `format` (before `input` is read);
 * libvirt's refusal is our sentence with libvirt's words as the detail.
 */
async function convert(
  conn: LibvirtConnection,
  way: 'from' | 'to',
  format: NativeFormat,
  input: () => Promise<string>,
): Promise<string> {
  const { call, unsupported, refused } = CONVERSIONS[way];
  if (!nativeFormatsOf(conn.uri.driver)[way].includes(format)) {
    throw new VirtdeckError('not-supported', msg(unsupported, { format, driver: conn.uri.driver }));
  }
  return call(conn.rpc, format, await input()).catch((err: unknown) => {
    throw conversionError(err, msg(refused, { format }));
  });
}

/** libvirt refused the conversion: our sentence, libvirt's words as the detail. */
function conversionError(err: unknown, said: Message): unknown {
  if (!(err instanceof LibvirtError)) return err;
  const code =
    err.libvirtCode === virErrorNumber.VIR_ERR_NO_SUPPORT ? 'not-supported' : 'invalid-input';
  return new VirtdeckError(code, said, { cause: err, detail: err.message });
}

export interface NativePreview {
  /** The domain XML the driver made of the config; nothing is defined yet. */
  xml: string;
  name: string;
}

/** The config as domain XML, converted by the connection's driver; nothing is defined. */
export async function nativeConfigToXml(
  conn: LibvirtConnection,
  format: NativeFormat,
  source: NativeSource,
): Promise<NativePreview> {
  const xml = await convert(conn, 'from', format, () => configText(conn.host, source));
  return { xml, name: domainIdentity(xml).name };
}

function domainIdentity(xml: string): { name: string; uuid?: string } {
  const root = parseXml(xml).documentElement;
  if (root?.localName !== 'domain') {
    throw InvalidInputError.ofFields({ xml: msg('xen.nativeNotDomainXml') });
  }
  const name = firstChild(root, 'name')?.textContent?.trim() ?? '';
  const uuid = firstChild(root, 'uuid')?.textContent?.trim();
  if (name === '') throw InvalidInputError.ofFields({ xml: msg('xen.nativeNoName') });
  return uuid ? { name, uuid } : { name };
}

/**
 * Defines the previewed XML as a new VM. A config naming a VM that exists (by name, or by the UUID
 * an xl.cfg may carry) is refused: defining it would silently replace that VM's config.
 */
export async function defineNativeXml(
  conn: LibvirtConnection,
  xml: string,
): Promise<{ uuid: string; name: string }> {
  const { name, uuid } = domainIdentity(xml);
  const byName = await lookupDomainByName(conn.rpc, name).catch(undefinedIfNotFound);
  const byUuid =
    uuid === undefined || !/^[0-9a-f-]{32,36}$/i.test(uuid)
      ? undefined
      : await lookupDomainByUuid(conn.rpc, uuidFromString(uuid)).catch(undefinedIfNotFound);
  const existing = byName ?? byUuid;
  if (existing)
    throw InvalidInputError.ofFields({ xml: msg('xen.nativeVmExists', { name: existing.name }) });
  const dom = await defineDomain(conn.rpc, xml).catch((err: unknown) => {
    throw conversionError(err, msg('xen.nativeDefineRefused', { name }));
  });
  return { uuid: uuidToString(dom.uuid), name: dom.name };
}

/** A VM's persistent config (without secrets) in the driver's native format. */
export async function vmToNative(
  conn: LibvirtConnection,
  uuid: string,
  format: NativeFormat,
): Promise<string> {
  return convert(conn, 'to', format, async () => {
    const vm = await openVm(conn.rpc, uuid);
    return getDomainXml(conn.rpc, vm.dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
  });
}
