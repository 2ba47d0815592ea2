import type { ApiErrorData, FieldErrors } from '../../shared/api/types';
import type { ErrorCode } from '../../shared/errors';

/** A failed API call as the views see it: a code to act on, a message to show, no stack. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  /** libvirt's virErrorNumber and virErrorDomain, when libvirt refused. */
  readonly libvirt?: ApiErrorData['libvirt'];

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.fields = data.fields;
    this.libvirt = data.libvirt;
  }
}

/** The message to show for anything a call rejected with. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
