import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/apiError';

/**
 * A form's errors as the backend reports them: each on the field it names, the rest (or an error
 * naming no field of this form) above the form.
 */
export function useFormErrors(fieldsOfForm: readonly string[]) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  return {
    general,
    error: (field: string): string | undefined => fields[field],
    validated: (field: string): 'error' | 'default' => (fields[field] ? 'error' : 'default'),
    clear(field?: string) {
      if (field === undefined) {
        setFields({});
        setGeneral(undefined);
      } else if (fields[field]) {
        setFields(({ [field]: _gone, ...rest }) => rest);
      }
    },
    fail(err: unknown) {
      const named =
        err instanceof ApiError && err.fields
          ? Object.fromEntries(
              Object.entries(err.fields).filter(
                (e): e is [string, string] => fieldsOfForm.includes(e[0]) && e[1] !== undefined,
              ),
            )
          : {};
      setFields(named);
      setGeneral(Object.keys(named).length > 0 ? undefined : errorMessage(err));
    },
    set(field: string, message: string) {
      setFields((f) => ({ ...f, [field]: message }));
    },
  };
}

export function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant="error">{message}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}
