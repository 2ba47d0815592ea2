import { Alert, Spinner } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DeletableDisk,
  VmDeleteOutcome,
  VmDeletePlan,
} from '../../../shared/api/methods/vmDelete';
import type { VmSummary } from '../../../shared/api/types';
import { actionApplies } from '../../../shared/vmActions';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { vmKey } from '../../state/vmKey';
import { DeleteOutcomeModal } from './DeleteOutcomeModal';
import { DeletePlanBody } from './DeletePlanBody';
import './vmDelete.css';

/** The disk paths `vms.delete` gets: the deletable disks checked now (the user's or the plan's). */
function chosenDisks(plan: VmDeletePlan, isChecked: (d: DeletableDisk) => boolean): string[] {
  return plan.disks.filter((d) => d.deletable && isChecked(d)).map((d) => d.path);
}

/**
 * Delete one VM (virt-manager's Delete dialog): its plan from the backend, a checkbox per disk
 * starting as the plan says, then for a running VM a second question before it is forced off.
 * A delete that stops part way shows what was deleted and what remains, never closing by itself.
 */
export function DeleteVmModal({
  vm,
  position,
  onCancel,
  onDone,
}: {
  vm: VmSummary;
  /** Deleting several VMs one after the other: which one this is. */
  position?: { index: number; count: number };
  onCancel(): void;
  /** The delete ran; `definitionGone` when the VM no longer exists on its host. */
  onDone(definitionGone: boolean): void;
}) {
  const { t } = useTranslation('vmDelete');
  const client = useClient();
  const store = useStore();
  const ref = { connectionId: vm.connectionId, uuid: vm.uuid };
  const plan = useApiQuery('vms.deletePlan', ref);
  // The VM as the list has it now: it may have been started since the dialog opened.
  const current = useSlice(store.vms, (vms) => vms.get(vmKey(vm.connectionId, vm.uuid))) ?? vm;
  // Only what the user changed; every other disk follows the plan's default.
  const [changed, setChanged] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [confirmingForceOff, setConfirmingForceOff] = useState(false);
  const [outcome, setOutcome] = useState<VmDeleteOutcome>();
  const errors = useFormErrors([]);
  const { busy, run } = useSubmit((err) => {
    errors.fail(err);
    setConfirmingForceOff(false);
    // A refusal is often news about the host (a disk another VM took meanwhile): show it as now.
    plan.reload();
  });

  if (outcome) {
    const gone = outcome.deleted.some((item) => item.kind === 'definition');
    return <DeleteOutcomeModal name={vm.name} outcome={outcome} onClose={() => onDone(gone)} />;
  }

  const isChecked = (disk: DeletableDisk) => changed.get(disk.path) ?? disk.defaultChecked;
  const onCheck = (disk: DeletableDisk, checked: boolean) =>
    setChanged((map) => new Map(map).set(disk.path, checked));
  const loaded = plan.data;
  const active = (loaded?.active ?? false) || actionApplies('forceOff', current);

  const remove = async (forceOff: boolean) => {
    if (!loaded) return;
    errors.clear();
    await run(async () => {
      const result = await client.call('vms.delete', {
        ...ref,
        disks: chosenDisks(loaded, isChecked),
        forceOff,
      });
      if (result.failed || result.remaining.length > 0) {
        setOutcome(result);
        return;
      }
      store.notify({ variant: 'success', titleKey: 'vmDelete:deleted', params: { name: vm.name } });
      onDone(true);
    });
  };
  const onSubmit = () => {
    if (active && !confirmingForceOff) setConfirmingForceOff(true);
    else void remove(active);
  };

  const title = confirmingForceOff
    ? t('forceOff.title')
    : position && position.count > 1
      ? t('titleOf', { index: position.index + 1, count: position.count })
      : t('title');
  return (
    <FormModal
      id="vd-vm-delete"
      title={title}
      titleIconVariant="warning"
      variant="medium"
      onClose={onCancel}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('failed', { name: vm.name })}
      plain
      onSubmit={onSubmit}
      submitLabel={confirmingForceOff ? t('forceOff.confirm') : t('delete')}
      submitVariant="danger"
      busy={busy}
      submitDisabled={!loaded}
    >
      {confirmingForceOff && loaded ? (
        <>
          <p>{t('forceOff.body', { name: vm.name })}</p>
          <p>{t('forceOff.disks', { count: chosenDisks(loaded, isChecked).length })}</p>
        </>
      ) : (
        <>
          <p className="vd-form-alert">{t('body', { name: vm.name })}</p>
          {active && (
            <Alert
              variant="warning"
              isInline
              isPlain
              title={t('running', { name: vm.name })}
              className="vd-form-alert"
            />
          )}
          {plan.error && (
            <Alert variant="danger" isInline title={t('loadFailed')}>
              {plan.error}
            </Alert>
          )}
          {!loaded && !plan.error && <Spinner size="lg" aria-label={t('common:loading')} />}
          {loaded && (
            <DeletePlanBody
              plan={loaded}
              idPrefix="vd-vm-delete"
              isChecked={isChecked}
              onCheck={onCheck}
            />
          )}
        </>
      )}
    </FormModal>
  );
}
