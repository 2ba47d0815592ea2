import {
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  VOLUME_FORMATS,
  type NewVolumeFormat,
  type PoolSummary,
  type VolumeFormField,
  type VolumeSummary,
} from '../../../shared/api/methods/storage';
import { formatBytes } from '../../format';
import { useClient } from '../../state/context';
import { FieldError, useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { SelectField } from '../../components/forms/SelectField';
import { useSubmit } from '../../components/forms/useSubmit';
import { VolumeNameField } from './VolumeNameField';
import { SizeField, sizeBytes, type SizeValue } from './SizeField';

const FIELDS: readonly VolumeFormField[] = ['name', 'format', 'capacity', 'backingPath'];

/** virsh vol-create-as, point and click: name, qcow2 or raw, size, and an optional backing volume. */
export function CreateVolumeModal(props: {
  connectionId: string;
  pool: PoolSummary;
  volumes: VolumeSummary[];
  onClose(): void;
  onCreated(volume: VolumeSummary): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState('');
  const [format, setFormat] = useState<NewVolumeFormat>('qcow2');
  const [size, setSize] = useState<SizeValue>({ amount: '10', unit: 'GiB' });
  const [backingPath, setBackingPath] = useState('');
  const { busy, run } = useSubmit(errors.fail);

  const submit = async () => {
    errors.clear();
    if (!name.trim()) {
      errors.set('name', t('createPool.nameRequired'));
      return;
    }
    const capacity = sizeBytes(size);
    if (capacity === undefined && !backingPath) {
      errors.set('capacity', t('createVolume.sizeRequired'));
      return;
    }
    await run(async () => {
      const created = await client.call('storage.volumes.create', {
        connectionId: props.connectionId,
        pool: props.pool.name,
        form: { name: name.trim(), format, capacity, backingPath: backingPath || undefined },
      });
      props.onCreated(created);
    });
  };

  return (
    <FormModal
      id="vd-vol-create"
      title={t('createVolume.title', { pool: props.pool.name })}
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('createVolume.failed')}
      onSubmit={() => void submit()}
      submitLabel={t('createVolume.submit')}
      busy={busy}
    >
      <VolumeNameField
        id="vd-vol-name"
        label={t('createVolume.name')}
        value={name}
        onChange={setName}
        errors={errors}
      />
      <SelectField
        id="vd-vol-format"
        label={t('createVolume.format')}
        value={format}
        options={VOLUME_FORMATS}
        onChange={(v) => {
          setFormat(v);
          if (v !== 'qcow2') setBackingPath('');
        }}
        error={errors.error('format')}
      />
      <SizeField
        id="vd-vol-capacity"
        label={t('createVolume.capacity')}
        value={size}
        isRequired={!backingPath}
        onChange={errors.clearing('capacity', setSize)}
        error={errors.error('capacity')}
        helper={
          <FormHelperText>
            <HelperText>
              <HelperTextItem>
                {t('createVolume.available', { available: formatBytes(props.pool.available) })}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        }
      />
      {format === 'qcow2' && (
        <FormGroup label={t('createVolume.backing')} fieldId="vd-vol-backing">
          <FormSelect
            id="vd-vol-backing"
            value={backingPath}
            validated={errors.validated('backingPath')}
            onChange={(_e, v) => errors.clearing('backingPath', setBackingPath)(v)}
          >
            <FormSelectOption value="" label={t('createVolume.noBacking')} />
            {props.volumes.map((v) => (
              <FormSelectOption key={v.path} value={v.path} label={v.name} />
            ))}
          </FormSelect>
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{t('createVolume.backingHelp')}</HelperTextItem>
            </HelperText>
          </FormHelperText>
          <FieldError message={errors.error('backingPath')} />
        </FormGroup>
      )}
    </FormModal>
  );
}
