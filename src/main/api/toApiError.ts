import type { ApiErrorData } from '../../shared/api/types';
import { InvalidInputError, VirtdeckError } from '../../shared/errors';
import { englishText, msg } from '../../shared/messages/message';
import { LibvirtError } from '../libvirt/rpc/errors';

/**
 * What the renderer gets for a failure: the code and the message a user can act on, the fields at
 * fault for invalid input, and libvirt's own code and domain when libvirt refused (also when a
 * service said it in its own words, keeping libvirt's error as the cause). Errors the app did not
 * expect are logged here with their stack and reach the UI as one plain sentence.
 */
export function toApiError(err: unknown): ApiErrorData {
  if (err instanceof InvalidInputError && Object.keys(err.fields).length > 0) {
    return {
      code: err.code,
      message: err.message,
      fields: err.fields,
      ...said(err),
      ...(Object.keys(err.fieldTexts).length > 0 ? { fieldTexts: err.fieldTexts } : {}),
    };
  }
  if (err instanceof VirtdeckError) {
    const libvirt = err instanceof LibvirtError ? err : err.cause;
    return libvirt instanceof LibvirtError
      ? {
          code: err.code,
          message: err.message,
          ...said(err),
          libvirt: { code: libvirt.libvirtCode, domain: libvirt.libvirtDomain },
        }
      : { code: err.code, message: err.message, ...said(err) };
  }
  console.error('Virtdeck: unexpected error in an API call:', err);
  const text = msg('common.internal', { detail: err instanceof Error ? err.message : String(err) });
  return { code: 'protocol', message: englishText(text), text };
}

/** The error's message as a key (when it has one) and the words kept beside it. */
function said(err: VirtdeckError): Pick<ApiErrorData, 'text' | 'detail'> {
  return {
    ...(err.text ? { text: err.text } : {}),
    ...(err.detail !== undefined ? { detail: err.detail } : {}),
  };
}
