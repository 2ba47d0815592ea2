import {
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';

/** One labelled text field with its help and, when the backend named it, its error. */
export function FormField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  help?: string;
  isRequired?: boolean;
  placeholder?: string;
}) {
  const message = props.error ?? props.help;
  return (
    <FormGroup label={props.label} fieldId={props.id} isRequired={props.isRequired}>
      <TextInput
        id={props.id}
        value={props.value}
        isRequired={props.isRequired}
        placeholder={props.placeholder}
        validated={props.error ? 'error' : 'default'}
        onChange={(_e, v) => props.onChange(v)}
      />
      {message && (
        <FormHelperText>
          <HelperText>
            <HelperTextItem variant={props.error ? 'error' : 'default'}>{message}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      )}
    </FormGroup>
  );
}
