import { Alert, Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeSummary } from '../../../shared/api/methods/storage';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';

/** Delete a volume for good. The backend refuses while a VM uses it and names the VM. */
export function DeleteVolumeModal(props: {
  connectionId: string;
  volume: VolumeSummary;
  onClose(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const { volume } = props;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const run = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await client.call('storage.volumes.delete', {
        connectionId: props.connectionId,
        pool: volume.pool,
        name: volume.name,
      });
      props.onDeleted();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      isOpen
      variant="small"
      onEscapePress={props.onClose}
      aria-labelledby="vd-vol-delete-title"
    >
      <ModalHeader
        title={t('deleteVolume.title')}
        labelId="vd-vol-delete-title"
        titleIconVariant="warning"
      />
      <ModalBody>
        {failure && (
          <Alert
            variant="danger"
            isInline
            title={t('deleteVolume.failed')}
            className="vd-form-alert"
          >
            {failure}
          </Alert>
        )}
        <p>{t('deleteVolume.body', { name: volume.name })}</p>
        {volume.usedBy.length > 0 && (
          <p className="vd-muted">{t('deleteVolume.usedBy', { vms: volume.usedBy.join(', ') })}</p>
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant="danger" isLoading={busy} isDisabled={busy} onClick={() => void run()}>
          {t('deleteVolume.delete')}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t('cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
