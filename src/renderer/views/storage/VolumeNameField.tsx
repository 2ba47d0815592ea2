import { FormField } from '../../components/forms/FormField';
import type { FormErrors } from '../../components/forms/formErrors';

/**
 * A volume's name in a storage dialog (new, uploaded, cloned): required, not autocompleted, its
 * error (the backend's `field`, `name` unless said) under it and cleared as the user types.
 */
export function VolumeNameField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  errors: FormErrors;
  field?: string;
  help?: string;
}) {
  const field = props.field ?? 'name';
  return (
    <FormField
      id={props.id}
      label={props.label}
      isRequired
      value={props.value}
      onChange={props.errors.clearing(field, props.onChange)}
      autoComplete="off"
      error={props.errors.error(field)}
      help={props.help}
    />
  );
}
