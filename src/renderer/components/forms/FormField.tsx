import {
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { FieldError } from './formErrors';

/**
 * One labelled field with, when the backend named it, its error under it. The input is a text
 * box unless `children` brings another one (a select, a size box...); `help` shows while there
 * is no error.
 */
export function FormField(props: {
  id: string;
  label: string;
  error?: string;
  help?: ReactNode;
  isRequired?: boolean;
  /** For the text box: its value and changes. */
  value?: string;
  onChange?(value: string): void;
  type?: 'text' | 'number' | 'password';
  placeholder?: string;
  autoComplete?: string;
  children?: ReactNode;
}) {
  return (
    <FormGroup label={props.label} fieldId={props.id} isRequired={props.isRequired}>
      {props.children || (
        <TextInput
          id={props.id}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          isRequired={props.isRequired}
          placeholder={props.placeholder}
          autoComplete={props.autoComplete}
          validated={props.error ? 'error' : 'default'}
          onChange={(_e, v) => props.onChange?.(v)}
        />
      )}
      {props.error ? (
        <FieldError message={props.error} />
      ) : (
        props.help !== undefined && (
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{props.help}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )
      )}
    </FormGroup>
  );
}
