import type { ApiErrorData } from '../../shared/api/types';
import { InvalidInputError, VirtdeckError } from '../../shared/errors';
import { LibvirtError } from '../libvirt/rpc/errors';

/**
 * What the renderer gets for a failure: the code and the message a user can act on, the fields at
 * fault for invalid input, and libvirt's own code and domain when libvirt refused (also when a
 * service said it in its own words, keeping libvirt's error as the cause). Errors the app did not
 * expect are logged here with their stack and reach the UI as one plain sentence.
 */
export function toApiError(err: unknown): ApiErrorData {
  if (err instanceof InvalidInputError && Object.keys(err.fields).length > 0) {
    return { code: err.code, message: err.message, fields: err.fields };
  }
  if (err instanceof VirtdeckError) {
    const libvirt = err instanceof LibvirtError ? err : err.cause;
    return libvirt instanceof LibvirtError
      ? {
          code: err.code,
          message: err.message,
          libvirt: { code: libvirt.libvirtCode, domain: libvirt.libvirtDomain },
        }
      : { code: err.code, message: err.message };
  }
  console.error('Virtdeck: unexpected error in an API call:', err);
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'protocol', message: `Internal error: ${message}` };
}
