import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '../../../shared/api/methods/snapshots';
import type { VmSummary } from '../../../shared/api/types';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient } from '../../state/context';
import { stateAfterRevert } from './snapshotTree';

/**
 * Revert asks first and says what is lost: everything since the snapshot, and for a running
 * guest its memory, which no snapshot holds; and the state the guest comes back in. libvirt's
 * refusal is said in the dialog.
 */
export function RevertSnapshotModal(props: {
  vm: VmSummary;
  snapshot: SnapshotInfo;
  onClose(): void;
  onReverted(): void;
}) {
  const { t, i18n } = useTranslation('snapshots');
  const client = useClient();
  const { vm, snapshot } = props;
  const errors = useFormErrors([]);
  const { busy, run } = useSubmit(errors.fail);
  const active = vm.state === 'running' || vm.state === 'paused';
  const time = new Date(snapshot.createdAt * 1000).toLocaleString(i18n.language);

  const revert = async () => {
    errors.clear();
    await run(async () => {
      await client.call('vms.snapshots.revert', {
        connectionId: vm.connectionId,
        uuid: vm.uuid,
        name: snapshot.name,
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
      errorTitle={t('revert.failed')}
      plain
      onSubmit={() => void revert()}
      submitLabel={t('revert.submit')}
      submitVariant="danger"
      busy={busy}
    >
      <p>{t('revert.lost', { vm: vm.name, time })}</p>
      {active && <p>{t('revert.lostMemory')}</p>}
      <p>{t(`revert.comesBack.${stateAfterRevert(snapshot)}`)}</p>
    </FormModal>
  );
}
