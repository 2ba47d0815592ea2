import { Checkbox } from '@patternfly/react-core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OsEntry } from '../../../shared/api/newVmTypes';
import { FieldError } from '../../components/forms/formErrors';
import { FormField } from '../../components/forms/FormField';
import type { StepProps } from './stepProps';

/** The VM's name (unique on the host; any characters libvirt allows) and "Customize". */
export function NameStep(props: StepProps & { oses: readonly OsEntry[] }) {
  const { t } = useTranslation('newVm');
  const { form, update, errors, facts } = props;
  const filled = useRef(false);
  useEffect(() => {
    if (filled.current || form.name !== '') return;
    filled.current = true;
    // Like virt-manager: the OS's id (or the template's name), numbered past the names the
    // host already has.
    const taken = new Set(facts?.vmNames ?? []);
    const base = form.sourceKind === 'template' ? form.templateName : form.osId;
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
    update({ name });
  }, [form.name, form.osId, form.sourceKind, form.templateName, facts, update]);
  return (
    <>
      <FormField
        id="vd-name"
        label={t('name.label')}
        value={form.name}
        onChange={(v) => update({ name: v })}
        error={errors.name}
      />
      <Checkbox
        id="vd-customize"
        label={form.sourceKind === 'template' ? t('name.customizeClone') : t('name.customize')}
        isChecked={form.customize}
        onChange={(_e, v) => update({ customize: v })}
      />
      <FieldError message={errors.customize} />
    </>
  );
}
