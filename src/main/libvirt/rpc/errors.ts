import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { virErrorNumber } from './generated/libvirtEnums';
import type { RemoteError } from './generated/remoteProtocol';

/**
 * libvirt's "there is no such object": one `not-found` for the app, whichever object it was (the
 * libvirt code stays on the error for whoever needs to tell them apart).
 */
const NOT_FOUND: ReadonlySet<number> = new Set([
  virErrorNumber.VIR_ERR_NO_DOMAIN,
  virErrorNumber.VIR_ERR_NO_NETWORK,
  virErrorNumber.VIR_ERR_NO_STORAGE_POOL,
  virErrorNumber.VIR_ERR_NO_STORAGE_VOL,
  virErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT,
]);

/**
 * An error returned by libvirt: its code, domain (subsystem) and message, as virsh shows them.
 * Its app code is `not-found` for a domain, network, pool, volume or snapshot that is not there, else
 * `libvirt`.
 */
export class LibvirtError extends VirtdeckError {
  readonly libvirtCode: number;
  readonly libvirtDomain: number;
  readonly level: number;

  constructor(remote: RemoteError, procedure: string) {
    super(
      NOT_FOUND.has(remote.code) ? 'not-found' : 'libvirt',
      remote.message ?? msg('rpc.libvirtError', { code: remote.code, procedure }),
    );
    this.name = 'LibvirtError';
    this.libvirtCode = remote.code;
    this.libvirtDomain = remote.domain;
    this.level = remote.level;
  }
}

/** libvirt said the object (domain, network, pool, volume) is not there. */
export function isNotFound(err: unknown): err is LibvirtError {
  return err instanceof LibvirtError && err.code === 'not-found';
}

/** For `.catch()` of a lookup: undefined when the object is not there, any other error rethrown. */
export function undefinedIfNotFound(err: unknown): undefined {
  if (isNotFound(err)) return undefined;
  throw err;
}

/**
 * A daemon older than the procedure answers "unknown procedure"; say so in the user's words.
 * libvirt reports it as an RPC error whose message names the procedure number.
 */
export function isUnknownProcedure(remote: RemoteError): boolean {
  return /unknown procedure/i.test(remote.message ?? '');
}

export function notSupportedError(procedure: string, host: string): VirtdeckError {
  return new VirtdeckError('not-supported', msg('rpc.notSupported', { procedure, host }));
}

/**
 * The connection's driver does not implement the call (VIR_ERR_NO_SUPPORT): LXC's has no bulk
 * stats and no snapshots, for instance.
 */
export function isNoSupport(err: unknown): err is LibvirtError {
  return err instanceof LibvirtError && err.libvirtCode === virErrorNumber.VIR_ERR_NO_SUPPORT;
}
