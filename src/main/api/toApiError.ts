import type { ApiErrorData } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import { InvalidInputError } from '../xml/validation';

/** A form-level invalid-input error that names the fields at fault. */
export class FieldError extends VirtdeckError {
  constructor(readonly fields: Record<string, string>) {
    super('invalid-input', Object.values(fields).join('; '));
  }
}

/**
 * What the renderer gets for a failure: the code and the message a user can act on. Errors the
 * app did not expect are logged here with their stack and reach the UI as one plain sentence.
 */
export function toApiError(err: unknown): ApiErrorData {
  if (err instanceof FieldError)
    return { code: err.code, message: err.message, fields: err.fields };
  // Checks below the API (xml/, services/) name their fields this way.
  if (err instanceof InvalidInputError && Object.keys(err.fields).length > 0) {
    return { code: err.code, message: err.message, fields: err.fields };
  }
  if (err instanceof VirtdeckError) return { code: err.code, message: err.message };
  console.error('Virtdeck: unexpected error in an API call:', err);
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'protocol', message: `Internal error: ${message}` };
}
