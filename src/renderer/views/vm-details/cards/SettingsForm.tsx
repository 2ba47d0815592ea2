import { Button, Form, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { FormField } from '../../../components/forms/FormField';
import type { VmEdit } from '../../../../shared/api/vmDetailsTypes';
import type { DetailsState } from '../useVmDetails';
import { FormError } from './FormError';

/** One field of a card's form: a choice when it has options, else a text (or number) box. */
export interface SettingField {
  id: string;
  label: string;
  value: string;
  /** [value, label] pairs, or values shown as they are. */
  options?: readonly (string | readonly [string, string])[];
  type?: 'text' | 'number' | 'password';
  /** Shown only while this says so (a path only for a file connection...). */
  visible?: (values: Record<string, string>) => boolean;
}

export type SettingValues = Record<string, string>;

/**
 * The form every card with settings uses: its fields start from the XML's values (and again
 * when the XML changes), Apply sends the edit `toEdit` makes of what changed (undefined: nothing
 * to send), and the backend's refusal is shown under the form.
 */
export function SettingsForm({
  formId,
  fields,
  state,
  applyLabel,
  toEdit,
  clearAfterApply = false,
}: {
  /** Unique on the page: the fields' ids derive from it. */
  formId: string;
  fields: SettingField[];
  state: DetailsState;
  applyLabel: string;
  toEdit(values: SettingValues, initial: SettingValues): VmEdit | undefined;
  /** Empties the fields after a change went through (a password is not left on screen). */
  clearAfterApply?: boolean;
}) {
  const initial: SettingValues = Object.fromEntries(fields.map((f) => [f.id, f.value]));
  // The field list is rebuilt on every render; only new values from the XML reset the form.
  const fromXml = JSON.stringify(initial);
  const [values, setValues] = useState<SettingValues>(initial);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setValues(JSON.parse(fromXml) as SettingValues), [fromXml]);
  const submit = async () => {
    const edit = toEdit(values, initial);
    if (!edit) return;
    setBusy(true);
    const failed = await state.edit(edit);
    setError(failed);
    if (!failed && clearAfterApply) setValues(initial);
    setBusy(false);
  };
  const set = (id: string, v: string) => setValues((old) => ({ ...old, [id]: v }));
  return (
    <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
      {fields
        .filter((f) => !f.visible || f.visible(values))
        .map((f) => {
          const id = `vd-${formId}-${f.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
          return (
            <FormField
              key={f.id}
              id={id}
              label={f.label}
              type={f.type}
              value={values[f.id] ?? ''}
              onChange={(v) => set(f.id, v)}
            >
              {f.options && (
                <FormSelect id={id} value={values[f.id] ?? ''} onChange={(_e, v) => set(f.id, v)}>
                  {f.options.map((o) => {
                    const [value, label] = typeof o === 'string' ? [o, o] : o;
                    return <FormSelectOption key={value} value={value} label={label} />;
                  })}
                </FormSelect>
              )}
            </FormField>
          );
        })}
      <Button variant="secondary" size="sm" isDisabled={busy} onClick={() => void submit()}>
        {applyLabel}
      </Button>
      <FormError message={error} />
    </Form>
  );
}

/** The values that differ from the XML's, or undefined when none does. */
export function changedValues(
  values: SettingValues,
  initial: SettingValues,
): SettingValues | undefined {
  const out = Object.fromEntries(Object.entries(values).filter(([k, v]) => initial[k] !== v));
  return Object.keys(out).length > 0 ? out : undefined;
}
