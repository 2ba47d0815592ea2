import { Checkbox } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeSummary } from '../../../shared/api/methods/storage';
import { formatBytes } from '../../format';
import { useClient } from '../../state/context';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { SizeField, sizeBytes, sizeValue, type SizeValue } from './SizeField';

/** virsh vol-resize: a new size; a smaller one only with the shrink box ticked. */
export function ResizeVolumeModal(props: {
  connectionId: string;
  volume: VolumeSummary;
  onClose(): void;
  onResized(): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const errors = useFormErrors(['capacity']);
  const { volume } = props;
  const [size, setSize] = useState<SizeValue>(() => sizeValue(volume.capacity));
  const [shrink, setShrink] = useState(false);
  const { busy, run } = useSubmit(errors.fail);
  const capacity = sizeBytes(size);
  const smaller = capacity !== undefined && capacity < volume.capacity;

  const submit = async () => {
    errors.clear();
    if (capacity === undefined) {
      errors.set('capacity', t('createVolume.sizeRequired'));
      return;
    }
    await run(async () => {
      await client.call('storage.volumes.resize', {
        connectionId: props.connectionId,
        pool: volume.pool,
        name: volume.name,
        capacity,
        shrink: smaller && shrink,
      });
      props.onResized();
    });
  };

  return (
    <FormModal
      id="vd-vol-resize"
      title={t('resizeVolume.title', { name: volume.name })}
      description={t('resizeVolume.current', { capacity: formatBytes(volume.capacity) })}
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('resizeVolume.failed')}
      onSubmit={() => void submit()}
      submitLabel={t('resizeVolume.submit')}
      busy={busy}
    >
      <SizeField
        id="vd-vol-resize-capacity"
        label={t('resizeVolume.capacity')}
        value={size}
        isRequired
        onChange={errors.clearing('capacity', setSize)}
        error={errors.error('capacity')}
      />
      {smaller && (
        <Checkbox
          id="vd-vol-resize-shrink"
          label={t('resizeVolume.shrink')}
          isChecked={shrink}
          onChange={(_e, checked) => setShrink(checked)}
        />
      )}
    </FormModal>
  );
}
