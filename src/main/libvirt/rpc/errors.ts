import { VirtdeckError } from '../../../shared/errors';
import type { RemoteError } from './generated/remoteProtocol';

/** An error returned by libvirt: its code, domain (subsystem) and message, as virsh shows them. */
export class LibvirtError extends VirtdeckError {
  readonly libvirtCode: number;
  readonly libvirtDomain: number;
  readonly level: number;

  constructor(remote: RemoteError, procedure: string) {
    super('libvirt', remote.message ?? `libvirt error ${remote.code} in ${procedure}`);
    this.name = 'LibvirtError';
    this.libvirtCode = remote.code;
    this.libvirtDomain = remote.domain;
    this.level = remote.level;
  }
}

/**
 * A daemon older than the procedure answers "unknown procedure"; say so in the user's words.
 * libvirt reports it as an RPC error whose message names the procedure number.
 */
export function isUnknownProcedure(remote: RemoteError): boolean {
  return /unknown procedure/i.test(remote.message ?? '');
}

export function notSupportedError(procedure: string, host: string): VirtdeckError {
  return new VirtdeckError(
    'not-supported',
    `${procedure} is not supported by this host's libvirt (${host}); a newer libvirt is needed`,
  );
}
