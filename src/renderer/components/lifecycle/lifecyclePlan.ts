import type { LifecycleAction, VmSummary } from '../../../shared/api/types';
import { actionApplies } from '../../../shared/vmActions';
import { vmKey } from '../../state/vmKey';

export function inflightKey(vm: VmSummary, action: LifecycleAction): string {
  return `${vmKey(vm.connectionId, vm.uuid)}:${action}`;
}

/**
 * The VMs an action would run on: those it applies to and that are not already running it. A
 * button is enabled when this is not empty.
 */
export function actionTargets(
  action: LifecycleAction,
  vms: readonly VmSummary[],
  inflight: ReadonlySet<string>,
  usable: (vm: VmSummary) => boolean = () => true,
): VmSummary[] {
  return vms.filter(
    (vm) => usable(vm) && actionApplies(action, vm) && !inflight.has(inflightKey(vm, action)),
  );
}
