import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';

/** A backend error shown under the field it names. */
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
