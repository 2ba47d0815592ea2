import { FormGroup, FormSelect, FormSelectOption, Radio, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../format';
import { FieldError } from '../../components/forms/formErrors';
import { HostFileBrowser } from './HostFileBrowser';
import type { StepProps } from './stepProps';

/** The disk: a new qcow2 volume in a pool, an existing volume or image, or none. */
export function StorageStep({ form, update, facts, errors, connectionId }: StepProps) {
  const { t } = useTranslation('newVm');
  if (form.sourceKind === 'import')
    return <p>{t('storage.imported', { path: form.importPath })}</p>;
  const kinds = ['new', 'existing', 'none'] as const;
  const pool = facts?.pools.find((p) => p.name === form.pool);
  // A cloud image's disk is always new (an overlay or a copy of the image): only pool and size.
  const cloud = form.sourceKind === 'cloud';
  return (
    <>
      {cloud && <p className="vd-hint">{t('newVmCloud:storage.hint')}</p>}
      {!cloud && (
        <FormGroup role="radiogroup" isStack label={t('storage.label')} fieldId="vd-disk">
          {kinds.map((k) => (
            <Radio
              key={k}
              id={`vd-disk-${k}`}
              name="vd-disk"
              label={t(`storage.${k}`)}
              isChecked={form.diskKind === k}
              onChange={() => update({ diskKind: k })}
            />
          ))}
        </FormGroup>
      )}
      {(cloud || form.diskKind === 'new') && (
        <>
          <FormGroup label={t('storage.pool')} fieldId="vd-pool">
            <FormSelect
              id="vd-pool"
              value={form.pool}
              validated={errors.pool ? 'error' : 'default'}
              onChange={(_e, v) => update({ pool: v })}
            >
              {!facts?.pools.some((p) => p.name === form.pool) && (
                <FormSelectOption value={form.pool} label={form.pool} />
              )}
              {(facts?.pools ?? []).map((p) => (
                <FormSelectOption key={p.name} value={p.name} label={p.name} />
              ))}
            </FormSelect>
            {pool && (
              <p className="vd-hint">
                {t('storage.free', { free: formatBytes(pool.availableBytes) })}
              </p>
            )}
            <FieldError message={errors.pool} />
          </FormGroup>
          <FormGroup label={t('storage.size')} fieldId="vd-size">
            <TextInput
              id="vd-size"
              type="number"
              min={0.1}
              step={0.1}
              value={form.sizeGiB}
              validated={errors.sizeGiB ? 'error' : 'default'}
              onChange={(_e, v) => update({ sizeGiB: Number(v) })}
            />
            <FieldError message={errors.sizeGiB} />
          </FormGroup>
        </>
      )}
      {!cloud && form.diskKind === 'existing' && (
        <FormGroup label={t('storage.existingPath')} fieldId="vd-existing">
          <TextInput
            id="vd-existing"
            value={form.existingPath}
            validated={errors.path ? 'error' : 'default'}
            onChange={(_e, v) => update({ existingPath: v })}
          />
          <FieldError message={errors.path} />
          <HostFileBrowser
            connectionId={connectionId}
            onPick={(p) => update({ existingPath: p })}
          />
        </FormGroup>
      )}
    </>
  );
}
