import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../components/forms/formErrors';

export const SIZE_UNITS = { MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 } as const;
export type SizeUnit = keyof typeof SIZE_UNITS;

export interface SizeValue {
  amount: string;
  unit: SizeUnit;
}

/** Bytes from what was typed, or undefined when it is not a size above zero. */
export function sizeBytes(value: SizeValue): number | undefined {
  const n = Number(value.amount.trim().replace(',', '.'));
  if (value.amount.trim() === '' || !Number.isFinite(n) || n <= 0) return undefined;
  return Math.round(n * SIZE_UNITS[value.unit]);
}

/** The largest unit that shows `bytes` as a whole or one-decimal number. */
export function sizeValue(bytes: number): SizeValue {
  for (const unit of ['TiB', 'GiB', 'MiB'] as const) {
    const amount = bytes / SIZE_UNITS[unit];
    if (amount >= 1 && Math.abs(amount * 10 - Math.round(amount * 10)) < 1e-9) {
      return { amount: String(Math.round(amount * 10) / 10), unit };
    }
  }
  return { amount: String(Math.ceil(bytes / SIZE_UNITS.MiB)), unit: 'MiB' };
}

/** A size as a number and a unit (MiB, GiB, TiB), with its error under it. */
export function SizeField(props: {
  id: string;
  label: string;
  value: SizeValue;
  onChange(value: SizeValue): void;
  error?: string;
  helper?: React.ReactNode;
  isRequired?: boolean;
}) {
  const { t } = useTranslation('storage');
  return (
    <FormGroup label={props.label} fieldId={props.id} isRequired={props.isRequired}>
      <div className="vd-size-field">
        <TextInput
          id={props.id}
          value={props.value.amount}
          inputMode="decimal"
          validated={props.error ? 'error' : 'default'}
          onChange={(_e, amount) => props.onChange({ ...props.value, amount })}
        />
        <FormSelect
          aria-label={t('size.unit')}
          value={props.value.unit}
          onChange={(_e, unit) => props.onChange({ ...props.value, unit: unit as SizeUnit })}
        >
          {Object.keys(SIZE_UNITS).map((unit) => (
            <FormSelectOption key={unit} value={unit} label={unit} />
          ))}
        </FormSelect>
      </div>
      {props.helper}
      <FieldError message={props.error} />
    </FormGroup>
  );
}
