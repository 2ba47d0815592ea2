import {
  Alert,
  Button,
  Checkbox,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolSummary } from '../../../shared/api/methods/storage';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';

/**
 * Delete a pool: stop and undefine it. Deleting its directory too is a separate choice that asks
 * a second time, naming the directory.
 */
export function DeletePoolModal(props: {
  connectionId: string;
  pool: PoolSummary;
  onClose(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const { pool } = props;
  const [withStorage, setWithStorage] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const path = pool.path ?? pool.name;
  // Only a directory is deleted this way; other types' storage (a disk, a VG) is not offered.
  const canDeleteStorage = pool.type === 'dir';

  const run = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await client.call('storage.pools.delete', {
        connectionId: props.connectionId,
        pool: pool.name,
        deleteStorage: withStorage,
      });
      props.onDeleted();
    } catch (err) {
      setFailure(errorMessage(err));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  const title = confirming ? t('deletePool.confirmStorageTitle') : t('deletePool.title');
  return (
    <Modal
      isOpen
      variant="small"
      onEscapePress={props.onClose}
      aria-labelledby="vd-pool-delete-title"
    >
      <ModalHeader title={title} labelId="vd-pool-delete-title" titleIconVariant="warning" />
      <ModalBody>
        {failure && (
          <Alert variant="danger" isInline title={t('deletePool.failed')} className="vd-form-alert">
            {failure}
          </Alert>
        )}
        {confirming ? (
          <p>{t('deletePool.confirmStorage', { name: pool.name, path })}</p>
        ) : (
          <>
            <p>{t('deletePool.body', { name: pool.name })}</p>
            {canDeleteStorage && (
              <Checkbox
                id="vd-pool-delete-storage"
                className="vd-form-alert"
                label={t('deletePool.alsoStorage', { path })}
                isChecked={withStorage}
                onChange={(_e, checked) => setWithStorage(checked)}
              />
            )}
          </>
        )}
      </ModalBody>
      <ModalFooter>
        {withStorage && !confirming ? (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t('deletePool.delete')}
          </Button>
        ) : (
          <Button variant="danger" isLoading={busy} isDisabled={busy} onClick={() => void run()}>
            {confirming ? t('deletePool.deleteWithStorage') : t('deletePool.delete')}
          </Button>
        )}
        <Button variant="link" onClick={props.onClose}>
          {t('cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
