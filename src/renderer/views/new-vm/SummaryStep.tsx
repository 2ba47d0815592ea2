import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { formatKiB } from '../../format';
import type { ClonePlan } from '../../../shared/api/methods/vmClone';
import type { OsEntry } from '../../../shared/api/newVmTypes';
import type { StepProps } from './stepProps';
import { effectiveCloneMode } from './templateClone';
import { useCloudSummaryRows } from './cloud/CloudImageSource';

/** What Create will make, in one list. */
export function SummaryStep({
  form,
  oses,
  errors,
  plan,
}: StepProps & {
  oses: readonly OsEntry[];
  /** From a template: its clone plan (which copy the disks get). */
  plan?: ClonePlan;
}) {
  const { t } = useTranslation('newVm');
  const cloudRows = useCloudSummaryRows(form.cloud);
  const source =
    form.sourceKind === 'iso'
      ? form.isoPath
      : form.sourceKind === 'url'
        ? [form.url, form.kernelArgs.trim()].filter(Boolean).join(' — ')
        : form.sourceKind === 'import'
          ? form.importPath
          : form.sourceKind === 'cloud'
            ? t('source.cloud')
            : t('source.pxe');
  const disk =
    form.sourceKind === 'import'
      ? form.importPath
      : form.sourceKind === 'cloud' || form.diskKind === 'new'
        ? t('summary.newDisk', { size: form.sizeGiB, pool: form.pool })
        : form.diskKind === 'existing'
          ? form.existingPath
          : t('storage.none');
  const network =
    form.netKind === 'none'
      ? t('network.none')
      : `${t(`network.${form.netKind}`)}: ${form.netName}`;
  const installRows: [string, string][] = [
    [t('summary.name'), form.name],
    [t('summary.os'), oses.find((o) => o.shortId === form.osId)?.name ?? form.osId],
    [t('summary.source'), source],
    ...(form.sourceKind === 'cloud' ? cloudRows : []),
    [t('summary.memory'), formatKiB(form.memoryMiB * 1024)],
    [t('summary.vcpus'), String(form.vcpus)],
    [t('summary.disk'), disk],
    [t('summary.network'), network],
  ];
  const rows: [string, string][] =
    form.sourceKind === 'template'
      ? [
          [t('summary.name'), form.name],
          [t('summary.template'), form.templateName],
          [t('summary.copy'), t(`template.${effectiveCloneMode(plan, form.cloneMode)}`)],
          [t('summary.memory'), formatKiB(form.memoryMiB * 1024)],
          [t('summary.vcpus'), String(form.vcpus)],
          [t('summary.network'), network],
          [
            t('summary.identity'),
            form.identityOps.map((op) => t(`template.reset.${op}`)).join(', ') ||
              t('summary.noIdentity'),
          ],
        ]
      : installRows;
  return (
    <>
      <DescriptionList isHorizontal aria-label={t('step.summary')}>
        {rows.map(([term, value]) => (
          <DescriptionListGroup key={term}>
            <DescriptionListTerm>{term}</DescriptionListTerm>
            <DescriptionListDescription>{value}</DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
      {Object.values(errors).map((e) => (
        <p key={e} className="vd-error">
          {e}
        </p>
      ))}
    </>
  );
}
