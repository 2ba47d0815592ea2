import { Button, Form } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { FormField } from '../../../components/forms/FormField';
import { SelectField, type SelectOption } from '../../../components/forms/SelectField';
import type { VmEdit } from '../../../../shared/api/vmDetailsTypes';
import type { DetailsState } from '../useVmDetails';
import { FormError } from './FormError';

/** A card's form values: one text per field, each typed as narrowly as the field allows. */
export type SettingValues = Record<string, string>;

interface FieldOf<V extends SettingValues, K extends keyof V> {
  id: K;
  label: string;
  value: V[K];
  /** Shown only while this says so (a path only for a file connection...). */
  visible?: (values: V) => boolean;
}
/** A choice among `options`: the value is always one of them. */
export interface ChoiceField<V extends SettingValues, K extends keyof V> extends FieldOf<V, K> {
  options: readonly SelectOption<V[K]>[];
}
/** A text (or number, or password) box: only for a value typed as any text. */
interface TextField<V extends SettingValues, K extends keyof V> extends FieldOf<V, K> {
  options?: undefined;
  type?: 'text' | 'number' | 'password';
}

/** One field of a card's form: a choice when it has options, else a text box. */
export type SettingField<V extends SettingValues> = {
  [K in keyof V & string]: ChoiceField<V, K> | (string extends V[K] ? TextField<V, K> : never);
}[keyof V & string];

/**
 * The form every card with settings uses: its fields start from the XML's values (and again
 * when the XML changes), Apply sends the edit `toEdit` makes of what changed (undefined: nothing
 * to send), and the backend's refusal is shown under the form.
 */
export function SettingsForm<V extends SettingValues>({
  formId,
  fields,
  state,
  applyLabel,
  toEdit,
  clearAfterApply = false,
}: {
  /** Unique on the page: the fields' ids derive from it. */
  formId: string;
  fields: SettingField<V>[];
  state: DetailsState;
  applyLabel: string;
  toEdit(values: V, initial: V): VmEdit | undefined;
  /** Empties the fields after a change went through (a password is not left on screen). */
  clearAfterApply?: boolean;
}) {
  // The card's values are those of its fields: V names one value per field.
  const initial = {} as V;
  for (const f of fields) initial[f.id] = f.value;
  // The field list is rebuilt on every render; only new values from the XML reset the form.
  const fromXml = JSON.stringify(initial);
  const [values, setValues] = useState<V>(initial);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setValues(JSON.parse(fromXml) as V), [fromXml]);
  const submit = async () => {
    const edit = toEdit(values, initial);
    if (!edit) return;
    setBusy(true);
    const failed = await state.edit(edit);
    setError(failed);
    if (!failed && clearAfterApply) setValues(initial);
    setBusy(false);
  };
  const set = <K extends keyof V>(id: K, v: V[K]) => setValues((old) => ({ ...old, [id]: v }));
  return (
    <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
      {fields
        .filter((f) => !f.visible || f.visible(values))
        .map((f) => {
          const id = `vd-${formId}-${f.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
          return f.options ? (
            <SelectField
              key={f.id}
              id={id}
              label={f.label}
              value={values[f.id]}
              options={f.options}
              onChange={(v) => set(f.id, v)}
            />
          ) : (
            <FormField
              key={f.id}
              id={id}
              label={f.label}
              type={f.type}
              value={values[f.id]}
              // A text box: its field's value is any text (TextField exists only for those).
              onChange={(v) => set(f.id, v as V[typeof f.id])}
            />
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
export function changedValues<V extends SettingValues>(
  values: V,
  initial: V,
): Partial<V> | undefined {
  const changed = (Object.keys(values) as (keyof V)[]).filter((k) => initial[k] !== values[k]);
  if (changed.length === 0) return undefined;
  const out: Partial<V> = {};
  for (const k of changed) out[k] = values[k];
  return out;
}
