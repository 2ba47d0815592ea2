import { Checkbox } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient } from '../../state/context';
import type { SnapshotRow } from './snapshotTree';

/** Delete one snapshot, or it and every snapshot under it; asks first. */
export function DeleteSnapshotModal(props: {
  vm: VmSummary;
  row: SnapshotRow;
  onClose(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation('snapshots');
  const client = useClient();
  const { vm, row } = props;
  const errors = useFormErrors([]);
  const { busy, run } = useSubmit(errors.fail);
  const [children, setChildren] = useState(false);

  const remove = async () => {
    errors.clear();
    await run(async () => {
      await client.call('vms.snapshots.delete', {
        connectionId: vm.connectionId,
        uuid: vm.uuid,
        name: row.snapshot.name,
        children: row.descendants > 0 && children,
      });
      props.onDeleted();
    });
  };

  return (
    <FormModal
      id="vd-snapshot-delete"
      title={t('delete.title', { name: row.snapshot.name })}
      titleIconVariant="warning"
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('delete.failed')}
      plain
      onSubmit={() => void remove()}
      submitLabel={children ? t('delete.submitWithChildren') : t('delete.submit')}
      submitVariant="danger"
      busy={busy}
    >
      <p>{t('delete.body', { name: row.snapshot.name })}</p>
      {row.descendants > 0 && (
        <>
          <p>{t('delete.keptChildren', { count: row.descendants })}</p>
          <Checkbox
            id="vd-snapshot-delete-children"
            label={t('delete.withChildren', { count: row.descendants })}
            isChecked={children}
            onChange={(_e, checked) => setChildren(checked)}
          />
        </>
      )}
    </FormModal>
  );
}
