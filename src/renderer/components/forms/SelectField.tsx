import { FormSelect, FormSelectOption } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { FormField } from './FormField';

/** A choice: its value, or [value, label]. */
export type SelectOption<T extends string> = T | readonly [T, string];

const optionValue = <T extends string>(o: SelectOption<T>): T => (typeof o === 'string' ? o : o[0]);

/**
 * A labelled choice among `options` with its error (or help) under it. `onChange` gets the
 * option picked, typed as the options are: the select offers only them, so the value it reports
 * is looked up among them rather than cast.
 */
export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange(value: NoInfer<T>): void;
  error?: string;
  help?: ReactNode;
}) {
  const { id, options } = props;
  return (
    <FormField id={id} label={props.label} error={props.error} help={props.help}>
      <FormSelect
        id={id}
        value={props.value}
        validated={props.error ? 'error' : 'default'}
        onChange={(_e, v) => {
          const picked = options.map(optionValue).find((o) => o === v);
          if (picked !== undefined) props.onChange(picked);
        }}
      >
        {options.map((o) => {
          const [value, label] = typeof o === 'string' ? [o, o] : o;
          return <FormSelectOption key={value} value={value} label={label} />;
        })}
      </FormSelect>
    </FormField>
  );
}
