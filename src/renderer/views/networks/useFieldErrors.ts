import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/apiError';

/**
 * A form's errors as the backend names them ("ipv4.dhcpStart", "ipv4.hosts.0.mac"): each shown
 * on its field; an error naming no field of the form is shown above it.
 */
export function useFieldErrors(isField: (name: string) => boolean) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  return {
    general,
    of: (field: string): string | undefined => fields[field],
    validated: (field: string): 'error' | 'default' => (fields[field] ? 'error' : 'default'),
    reset() {
      setFields({});
      setGeneral(undefined);
    },
    fail(err: unknown) {
      const named =
        err instanceof ApiError && err.fields
          ? Object.fromEntries(Object.entries(err.fields).filter(([k]) => isField(k)))
          : {};
      setFields(named);
      // Whatever is not on a field of the form is said above it, with nothing lost.
      const rest =
        err instanceof ApiError && err.fields
          ? Object.entries(err.fields)
              .filter(([k]) => !isField(k))
              .map(([, v]) => v)
          : [errorMessage(err)];
      setGeneral(rest.length > 0 ? rest.join('; ') : undefined);
    },
  };
}

export type FieldErrorsState = ReturnType<typeof useFieldErrors>;
