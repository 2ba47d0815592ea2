import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/apiError';

/** The fields a form shows: a list of names, or a test for names built from indexes. */
export type FormFields = readonly string[] | ((name: string) => boolean);

/**
 * A form's errors as the backend reports them ("name", "ipv4.dhcpStart", "ipv4.hosts.0.mac"):
 * each on the field it names; whatever names no field of this form (or no field at all) is said
 * above the form, so nothing the backend said is lost.
 */
export function useFormErrors(fieldsOfForm: FormFields) {
  const isField =
    typeof fieldsOfForm === 'function' ? fieldsOfForm : (n: string) => fieldsOfForm.includes(n);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  const [detail, setDetail] = useState<string>();
  const clearField = (field: string) => {
    if (fields[field]) setFields(({ [field]: _gone, ...rest }) => rest);
  };
  return {
    general,
    /** Words the backend kept beside its message (libvirt's own...), shown under a toggle. */
    detail,
    error: (field: string): string | undefined => fields[field],
    validated: (field: string): 'error' | 'default' => (fields[field] ? 'error' : 'default'),
    /** Clears one field's error (its value changed), or every error (a new submit). */
    clear(field?: string) {
      if (field === undefined) {
        setFields({});
        setGeneral(undefined);
        setDetail(undefined);
      } else {
        clearField(field);
      }
    },
    fail(err: unknown) {
      const listed = err instanceof ApiError && err.fields ? Object.entries(err.fields) : [];
      const all = listed.length > 0 ? listed : undefined;
      const named = (all ?? []).filter(
        (e): e is [string, string] => isField(e[0]) && e[1] !== undefined,
      );
      setFields(Object.fromEntries(named));
      const rest = all
        ? all.filter(([k, v]) => !isField(k) && v !== undefined).map(([, v]) => v)
        : [errorMessage(err)];
      setGeneral(rest.length > 0 ? rest.join('; ') : undefined);
      setDetail(err instanceof ApiError ? err.detail : undefined);
    },
    /** A field's change handler that also clears the field's error: its value changed. */
    clearing<T>(field: string, set: (value: T) => void): (value: T) => void {
      return (value) => {
        set(value);
        clearField(field);
      };
    },
    /** An error found before any call (a file too large...), shown on its field. */
    set(field: string, message: string) {
      setFields((f) => ({ ...f, [field]: message }));
    },
  };
}

export type FormErrors = ReturnType<typeof useFormErrors>;

/** An error shown under the field it belongs to (nothing when there is none). */
export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant="error">{message}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}
