import { Button, FormGroup, TextInput } from '@patternfly/react-core';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * A current and a maximum (vCPUs, memory) as two number fields applied together with one
 * button. They start from the XML's values, and again whenever those change (after an edit).
 */
export function CurrentMaximumFields(props: {
  /** `<id>-current` and `<id>-max` are the fields' ids. */
  id: string;
  current: string;
  maximum: string;
  currentLabel: string;
  maximumLabel: string;
  /** What the host allows, under the fields. */
  hint: ReactNode;
  applyLabel: string;
  onApply(current: string, maximum: string): void;
}) {
  const { current: xmlCurrent, maximum: xmlMaximum } = props;
  const [current, setCurrent] = useState(xmlCurrent);
  const [maximum, setMaximum] = useState(xmlMaximum);
  useEffect(() => {
    setCurrent(xmlCurrent);
    setMaximum(xmlMaximum);
  }, [xmlCurrent, xmlMaximum]);
  return (
    <>
      <FormGroup label={props.currentLabel} fieldId={`${props.id}-current`}>
        <TextInput
          id={`${props.id}-current`}
          type="number"
          value={current}
          onChange={(_e, v) => setCurrent(v)}
        />
      </FormGroup>
      <FormGroup label={props.maximumLabel} fieldId={`${props.id}-max`}>
        <TextInput
          id={`${props.id}-max`}
          type="number"
          value={maximum}
          onChange={(_e, v) => setMaximum(v)}
        />
      </FormGroup>
      <div className="vd-muted">{props.hint}</div>
      <Button variant="primary" onClick={() => props.onApply(current, maximum)}>
        {props.applyLabel}
      </Button>
    </>
  );
}
