/**
 * Native configs (issue 19): an lxc-tools config or an xl.cfg, pasted or read from the host,
 * converted to domain XML by the connection's own driver (previewed; nothing is defined), the
 * previewed XML defined, and a VM shown in its driver's native format ("Show as xl.cfg").
 * libvirt's own words stay beside our message as the error's detail.
 */
import type { Readable } from 'node:stream';
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
  const refuse = (said: Message) => InvalidInputError.ofFields({ 'source.hostPath': said });
  if (!path.startsWith('/')) throw refuse(msg('xen.nativePathNotAbsolute', { path }));
  const files = await host.files();
  const entry = await files.stat(path).catch(() => {
    throw refuse(msg('xen.nativeFileUnreadable', { path }));
  });
  if (entry.type !== 'file' && entry.type !== 'symlink') {
    throw refuse(msg('xen.nativeNotAFile', { path }));
  }
  if (entry.size > MAX_CONFIG_BYTES) throw refuse(msg('xen.nativeFileTooLarge', { path }));
  const bytes = await readAtMost(files.createReadStream(path), MAX_CONFIG_BYTES).catch(
    (err: unknown) => {
      if (err instanceof VirtdeckError) throw err;
      throw refuse(msg('xen.nativeFileUnreadable', { path }));
    },
  );
  if (bytes === undefined) throw refuse(msg('xen.nativeFileTooLarge', { path }));
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw refuse(msg('xen.nativeEmpty'));
  return text;
}

/** The stream's bytes, or undefined when there are more than `max`. */
async function readAtMost(stream: Readable, max: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > max) {
      stream.destroy();
      return undefined;
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

function requireFormat(conn: LibvirtConnection, format: NativeFormat, way: 'from' | 'to'): void {
  if (nativeFormatsOf(conn.uri.driver)[way].includes(format)) return;
  const key = way === 'from' ? 'xen.nativeImportUnsupported' : 'xen.nativeExportUnsupported';
  throw new VirtdeckError('not-supported', msg(key, { format, driver: conn.uri.driver }));
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
  requireFormat(conn, format, 'from');
  const config = await configText(conn.host, source);
  const xml = await domainXmlFromNative(conn.rpc, format, config).catch((err: unknown) => {
    throw conversionError(err, msg('xen.nativeUnparsable', { format }));
  });
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
  requireFormat(conn, format, 'to');
  const vm = await openVm(conn.rpc, uuid);
  const xml = await getDomainXml(conn.rpc, vm.dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
  return domainXmlToNative(conn.rpc, format, xml).catch((err: unknown) => {
    throw conversionError(err, msg('xen.nativeExportRefused', { format }));
  });
}
