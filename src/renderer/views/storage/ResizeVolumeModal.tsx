import {
  Alert,
  Button,
  Checkbox,
  Form,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeSummary } from '../../../shared/api/methods/storage';
import { formatBytes } from '../../format';
import { useClient } from '../../state/context';
import { useFormErrors } from './formErrors';
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
  const [busy, setBusy] = useState(false);
  const capacity = sizeBytes(size);
  const smaller = capacity !== undefined && capacity < volume.capacity;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    errors.clear();
    if (capacity === undefined) {
      errors.set('capacity', t('createVolume.sizeRequired'));
      return;
    }
    setBusy(true);
    try {
      await client.call('storage.volumes.resize', {
        connectionId: props.connectionId,
        pool: volume.pool,
        name: volume.name,
        capacity,
        shrink: smaller && shrink,
      });
      props.onResized();
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      isOpen
      variant="small"
      onEscapePress={props.onClose}
      aria-labelledby="vd-vol-resize-title"
    >
      <ModalHeader
        title={t('resizeVolume.title', { name: volume.name })}
        labelId="vd-vol-resize-title"
        description={t('resizeVolume.current', { capacity: formatBytes(volume.capacity) })}
      />
      <ModalBody>
        {errors.general && (
          <Alert
            variant="danger"
            isInline
            title={t('resizeVolume.failed')}
            className="vd-form-alert"
          >
            {errors.general}
          </Alert>
        )}
        <Form id="vd-vol-resize-form" onSubmit={(e) => void submit(e)}>
          <SizeField
            id="vd-vol-resize-capacity"
            label={t('resizeVolume.capacity')}
            value={size}
            isRequired
            onChange={(v) => {
              setSize(v);
              errors.clear('capacity');
            }}
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
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          type="submit"
          form="vd-vol-resize-form"
          isLoading={busy}
          isDisabled={busy}
        >
          {t('resizeVolume.submit')}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t('cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
