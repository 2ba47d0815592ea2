import { useTranslation } from 'react-i18next';
import type { VolumeSummary } from '../../../shared/api/methods/storage';
import { useClient } from '../../state/context';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';

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
  const errors = useFormErrors([]);
  const { busy, run } = useSubmit(errors.fail);

  const remove = async () => {
    errors.clear();
    await run(async () => {
      await client.call('storage.volumes.delete', {
        connectionId: props.connectionId,
        pool: volume.pool,
        name: volume.name,
      });
      props.onDeleted();
    });
  };

  return (
    <FormModal
      id="vd-vol-delete"
      title={t('deleteVolume.title')}
      titleIconVariant="warning"
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('deleteVolume.failed')}
      plain
      onSubmit={() => void remove()}
      submitLabel={t('deleteVolume.delete')}
      submitVariant="danger"
      busy={busy}
    >
      <p>{t('deleteVolume.body', { name: volume.name })}</p>
      {volume.usedBy.length > 0 && (
        <p className="vd-muted">{t('deleteVolume.usedBy', { vms: volume.usedBy.join(', ') })}</p>
      )}
    </FormModal>
  );
}
