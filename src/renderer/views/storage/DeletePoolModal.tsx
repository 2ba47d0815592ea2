import { Checkbox } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolSummary } from '../../../shared/api/methods/storage';
import { useClient } from '../../state/context';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';

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
  const errors = useFormErrors([]);
  const { busy, run } = useSubmit((err) => {
    errors.fail(err);
    setConfirming(false);
  });
  const path = pool.path ?? pool.name;
  // Only a directory is deleted this way; other types' storage (a disk, a VG) is not offered.
  const canDeleteStorage = pool.type === 'dir';

  const remove = async () => {
    errors.clear();
    await run(async () => {
      await client.call('storage.pools.delete', {
        connectionId: props.connectionId,
        pool: pool.name,
        deleteStorage: withStorage,
      });
      props.onDeleted();
    });
  };
  // Deleting the directory too asks a second time before anything is deleted.
  const askFirst = withStorage && !confirming;

  const title = confirming ? t('deletePool.confirmStorageTitle') : t('deletePool.title');
  return (
    <FormModal
      id="vd-pool-delete"
      title={title}
      titleIconVariant="warning"
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('deletePool.failed')}
      plain
      onSubmit={() => (askFirst ? setConfirming(true) : void remove())}
      submitLabel={confirming ? t('deletePool.deleteWithStorage') : t('deletePool.delete')}
      submitVariant="danger"
      busy={busy}
    >
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
    </FormModal>
  );
}
