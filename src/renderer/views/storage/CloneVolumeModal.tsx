import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeSummary } from '../../../shared/api/methods/storage';
import { useClient } from '../../state/context';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { VolumeNameField } from './VolumeNameField';

/** "disk.qcow2" -> "disk-clone.qcow2", as virt-manager suggests clone names. */
function cloneName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-clone${name.slice(dot)}` : `${name}-clone`;
}

/** virsh vol-clone: a full copy under a new name in the same pool. */
export function CloneVolumeModal(props: {
  connectionId: string;
  volume: VolumeSummary;
  onClose(): void;
  onCloned(): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const errors = useFormErrors(['newName']);
  const [newName, setNewName] = useState(() => cloneName(props.volume.name));
  const { busy, run } = useSubmit(errors.fail);

  const submit = async () => {
    errors.clear();
    await run(async () => {
      await client.call('storage.volumes.clone', {
        connectionId: props.connectionId,
        pool: props.volume.pool,
        name: props.volume.name,
        newName: newName.trim(),
      });
      props.onCloned();
    });
  };

  return (
    <FormModal
      id="vd-vol-clone"
      title={t('cloneVolume.title', { name: props.volume.name })}
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('cloneVolume.failed')}
      onSubmit={() => void submit()}
      submitLabel={t('cloneVolume.submit')}
      busy={busy}
    >
      <VolumeNameField
        id="vd-vol-clone-name"
        label={t('cloneVolume.newName')}
        value={newName}
        onChange={setNewName}
        errors={errors}
        field="newName"
      />
    </FormModal>
  );
}
