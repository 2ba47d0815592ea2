import { Alert, Checkbox, FormGroup, Radio } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { FieldError } from '../../components/forms/formErrors';
import { SelectField } from '../../components/forms/SelectField';
import { useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import type { StepProps } from './stepProps';
import { effectiveCloneMode, modeOffered } from './templateClone';

const NO_TEMPLATE = '';

/**
 * "From a template": which template (the host's VMs marked so), linked or full copy (as its
 * clone plan offers for every disk), and the identity reset the host's virt-sysprep can do (or
 * the package that brings it).
 */
export function TemplateSource({ connectionId, form, update, errors }: StepProps) {
  const { t } = useTranslation('newVm');
  const store = useStore();
  const all = useSlice(store.vms);
  const templates = [...all.values()]
    .filter((vm) => vm.connectionId === connectionId && vm.template === true)
    .sort((a, b) => a.name.localeCompare(b.name));
  const plan = useApiQuery(
    'vms.clonePlan',
    form.templateUuid ? { connectionId, uuid: form.templateUuid } : undefined,
    { keepPrevious: false },
  );

  const pick = (vm: VmSummary | undefined) =>
    update({
      templateUuid: vm?.uuid ?? '',
      templateName: vm?.name ?? '',
      // The template's size is where the next pages start.
      ...(vm ? { memoryMiB: Math.round(vm.maxMemoryKiB / 1024), vcpus: vm.vcpus } : {}),
      identityOps: [],
    });

  if (templates.length === 0) {
    return <Alert isInline variant="info" title={t('template.none')} />;
  }
  const offered = (mode: 'linked' | 'copy') => !plan.data || modeOffered(plan.data, mode);
  // Linked where every disk can be; else a full copy (what Create sends).
  const shown = effectiveCloneMode(plan.data, form.cloneMode);
  const reset = plan.data?.identityReset;
  return (
    <>
      <SelectField
        id="vd-template"
        label={t('template.label')}
        value={form.templateUuid}
        options={[
          [NO_TEMPLATE, t('template.choose')] as const,
          ...templates.map((vm) => [vm.uuid, vm.name] as const),
        ]}
        onChange={(uuid) => pick(templates.find((vm) => vm.uuid === uuid))}
        error={errors.templateUuid}
      />
      {plan.error && <Alert isInline variant="danger" title={plan.error} />}
      {form.templateUuid && (
        <FormGroup role="radiogroup" isStack label={t('template.mode')} fieldId="vd-clone-mode">
          {(['linked', 'copy'] as const).map((mode) => (
            <Radio
              key={mode}
              id={`vd-clone-mode-${mode}`}
              name="vd-clone-mode"
              label={t(`template.${mode}`)}
              description={offered(mode) ? t(`template.${mode}Help`) : t('template.notOffered')}
              isDisabled={!offered(mode)}
              isChecked={shown === mode}
              onChange={() => update({ cloneMode: mode })}
            />
          ))}
          <FieldError message={errors.mode} />
        </FormGroup>
      )}
      {reset && (
        <FormGroup isStack label={t('template.identity')} fieldId="vd-identity">
          {reset.tool ? (
            reset.operations.map((op) => (
              <Checkbox
                key={op}
                id={`vd-identity-${op}`}
                label={t(`template.reset.${op}`)}
                isChecked={form.identityOps.includes(op)}
                onChange={(_e, on) =>
                  update({
                    identityOps: on
                      ? [...form.identityOps, op]
                      : form.identityOps.filter((o) => o !== op),
                  })
                }
              />
            ))
          ) : (
            <p className="vd-hint">{t('template.noTool', { package: reset.package })}</p>
          )}
          <FieldError message={errors.operations} />
        </FormGroup>
      )}
    </>
  );
}
