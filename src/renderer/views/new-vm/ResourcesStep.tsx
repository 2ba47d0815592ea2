import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../components/forms/formErrors';
import type { StepProps } from './stepProps';

/** Memory and vCPUs, bounded by the host (its memory, its vCPU limit). */
export function ResourcesStep({ form, update, facts, errors }: StepProps) {
  const { t } = useTranslation('newVm');
  return (
    <>
      <FormGroup label={t('resources.memory')} fieldId="vd-memory">
        <TextInput
          id="vd-memory"
          type="number"
          min={16}
          max={facts?.memoryMiB}
          value={form.memoryMiB}
          validated={errors.memoryMiB ? 'error' : 'default'}
          onChange={(_e, v) => update({ memoryMiB: Number(v) })}
        />
        <p className="vd-hint">{facts && t('resources.hostMemory', { mib: facts.memoryMiB })}</p>
        <FieldError message={errors.memoryMiB} />
      </FormGroup>
      <FormGroup label={t('resources.vcpus')} fieldId="vd-vcpus">
        <TextInput
          id="vd-vcpus"
          type="number"
          min={1}
          max={facts?.maxVcpus}
          value={form.vcpus}
          validated={errors.vcpus ? 'error' : 'default'}
          onChange={(_e, v) => update({ vcpus: Number(v) })}
        />
        <p className="vd-hint">{facts && t('resources.hostCpus', { cpus: facts.cpus })}</p>
        <FieldError message={errors.vcpus} />
      </FormGroup>
      {facts && facts.virtTypes.length > 1 && (
        <FormGroup label={t('resources.virtType')} fieldId="vd-virt-type">
          <FormSelect
            id="vd-virt-type"
            value={form.virtType ?? facts.virtTypes[0]}
            onChange={(_e, v) => update({ virtType: v === 'qemu' ? 'qemu' : 'kvm' })}
          >
            {facts.virtTypes.map((v) => (
              <FormSelectOption key={v} value={v} label={t(`resources.virt.${v}`)} />
            ))}
          </FormSelect>
          <FieldError message={errors.virtType} />
        </FormGroup>
      )}
    </>
  );
}
