import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { ApiError } from '../../api/apiError';
import type { SnapshotInfo } from '../../../shared/api/methods/snapshots';
import type { VmSummary } from '../../../shared/api/types';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient } from '../../state/context';
import { stateAfterRevert } from './snapshotTree';

/** libvirt's virErrorNumber for "revert requires force" (errorNumbers.ts in the main process). */
const VIR_ERR_SNAPSHOT_REVERT_RISKY = 77;

/**
 * Revert asks first and says what is lost: everything since the snapshot, and for a running
 * guest its memory, which no snapshot holds; and the state the guest comes back in. libvirt's
 * refusal is said in the dialog; one that only a forced revert gets past offers to force it.
 */
export function RevertSnapshotModal(props: {
  vm: VmSummary;
  snapshot: SnapshotInfo;
  onClose(): void;
  onReverted(): void;
}) {
  const { t } = useTranslation('snapshots');
  const client = useClient();
  const { vm, snapshot } = props;
  const errors = useFormErrors([]);
  // Once libvirt has called this revert risky, the user may choose to force it.
  const [risky, setRisky] = useState(false);
  const { busy, run } = useSubmit((err) => {
    errors.fail(err);
    if (err instanceof ApiError && err.libvirt?.code === VIR_ERR_SNAPSHOT_REVERT_RISKY) {
      setRisky(true);
    }
  });
  const active = vm.state === 'running' || vm.state === 'paused';
  const time = formatDateTime(snapshot.createdAt * 1000);

  const revert = async () => {
    errors.clear();
    await run(async () => {
      await client.call('vms.snapshots.revert', {
        connectionId: vm.connectionId,
        uuid: vm.uuid,
        name: snapshot.name,
        force: risky,
      });
      props.onReverted();
    });
  };

  return (
    <FormModal
      id="vd-snapshot-revert"
      title={t('revert.title', { name: snapshot.name })}
      titleIconVariant="warning"
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('revert.failed')}
      plain
      onSubmit={() => void revert()}
      submitLabel={risky ? t('revert.force') : t('revert.submit')}
      submitVariant="danger"
      busy={busy}
    >
      <p>{t('revert.lost', { vm: vm.name, time })}</p>
      {active && <p>{t('revert.lostMemory')}</p>}
      <p>{t(`revert.comesBack.${stateAfterRevert(snapshot)}`)}</p>
    </FormModal>
  );
}
