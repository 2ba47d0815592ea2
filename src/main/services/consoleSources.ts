/**
 * What a console session connects to, for one VM: its consoles from the live XML, and for a
 * chosen one the way to open its bytes on the host. A display is reached through the host's own
 * forward (an SSH direct-tcpip or stream-local channel; a plain socket on this machine), never
 * through `nc` or a port opened elsewhere; a serial console through libvirt's console stream.
 */
import type { Duplex } from 'node:stream';
import type { ConsoleKind } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import { msg } from '../../shared/messages/message';
import type { Host } from '../hosts/host';
import { getDomainInfo, getDomainXml, lookupDomainByUuid } from '../libvirt/domain';
import { uuidFromString, type DomainRef } from '../libvirt/refs';
import type { RpcClient } from '../libvirt/rpc/client';
import { domainConsoles, type DomainConsole } from '../xml/domainConsoles';
import {
  virDomainConsoleFlags,
  virDomainXMLFlags,
  virErrorNumber,
} from '../libvirt/rpc/generated/libvirtEnums';
import { LibvirtError } from '../libvirt/rpc/errors';

export interface PreparedConsole {
  kind: ConsoleKind;
  password?: string;
  describe: string;
  open(): Promise<Duplex>;
}

/** The VM's consoles; the secure flag makes libvirt include the display password. */
export async function listConsoles(rpc: RpcClient, uuid: string): Promise<DomainConsole[]> {
  const dom = await lookupDomainByUuid(rpc, uuidFromString(uuid));
  return domainConsoles(await getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_SECURE));
}

export async function prepareConsole(
  host: Host,
  rpc: RpcClient,
  uuid: string,
  targetId: string,
): Promise<PreparedConsole> {
  const dom = await lookupDomainByUuid(rpc, uuidFromString(uuid));
  const { state } = await getDomainInfo(rpc, dom);
  if (state !== 'running' && state !== 'paused' && state !== 'blocked') {
    throw new VirtdeckError('invalid-input', msg('consoleTargets.notRunning', { name: dom.name }));
  }
  const target = domainConsoles(
    await getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_SECURE),
  ).find((c) => c.id === targetId);
  if (!target) {
    throw new VirtdeckError(
      'invalid-input',
      msg('consoleTargets.noConsole', { name: dom.name, id: targetId }),
    );
  }
  if (!target.supported) {
    throw new VirtdeckError(
      'not-supported',
      target.why ?? msg('consoleTargets.cannotOpen', { label: target.label }),
    );
  }
  const describe = `${target.label} of ${dom.name} on ${host.label}`;
  const { endpoint, alias } = target;
  if (target.kind === 'serial' && alias) {
    return {
      kind: 'serial',
      describe,
      open: () => openSerialStream(rpc, dom, alias),
    };
  }
  if (!endpoint) {
    throw new VirtdeckError(
      'not-supported',
      msg('consoleTargets.noEndpoint', { label: target.label }),
    );
  }
  return {
    kind: target.kind,
    password: target.password,
    describe,
    open: () => host.forward(endpoint),
  };
}

/**
 * libvirt's console stream for `alias`. FORCE takes the console over from another session (as
 * `virsh console --force`); a driver that does not know the flag (LXC's lxcDomainOpenConsole:
 * "unsupported flags (0x1)") refuses it with VIR_ERR_INVALID_ARG, and is asked again without it.
 */
async function openSerialStream(rpc: RpcClient, dom: DomainRef, alias: string): Promise<Duplex> {
  try {
    return await rpc.openStream('DOMAIN_OPEN_CONSOLE', {
      dom,
      dev_name: alias,
      flags: virDomainConsoleFlags.VIR_DOMAIN_CONSOLE_FORCE,
    });
  } catch (err) {
    if (!isUnsupportedFlags(err)) throw err;
    return rpc.openStream('DOMAIN_OPEN_CONSOLE', { dom, dev_name: alias, flags: 0 });
  }
}

function isUnsupportedFlags(err: unknown): boolean {
  return (
    err instanceof LibvirtError &&
    err.libvirtCode === virErrorNumber.VIR_ERR_INVALID_ARG &&
    /unsupported flags/i.test(err.message)
  );
}
