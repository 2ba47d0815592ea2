import i18next from 'i18next';
import type { ApiErrorData, FieldErrors } from '../../shared/api/types';
import type { ErrorCode } from '../../shared/errors';
import type { Message } from '../../shared/messages/message';

/**
 * A failed API call as the views see it: a code to act on, a message to show, no stack. The
 * message and the fields are in the user's language when the backend said them as keys
 * (`text`, `fieldTexts`), else the backend's words as they came.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  /** libvirt's virErrorNumber and virErrorDomain, when libvirt refused. */
  readonly libvirt?: ApiErrorData['libvirt'];
  /** Words kept beside the message, untranslated (libvirt's own, a host tool's stderr). */
  readonly detail?: string;

  constructor(data: ApiErrorData) {
    super(data.text ? backendText(data.text) : data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.fields = data.fields && {
      ...data.fields,
      ...Object.fromEntries(
        Object.entries(data.fieldTexts ?? {}).map(([field, said]) => [field, backendText(said)]),
      ),
    };
    this.libvirt = data.libvirt;
    this.detail = data.detail;
  }
}

/** A backend message (a key and parameters) in the user's language. */
export function backendText(said: Message): string {
  return i18next.t(said.key, { ...said.params, ns: 'backend', defaultValue: said.key });
}

/** The message to show for anything a call rejected with. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
