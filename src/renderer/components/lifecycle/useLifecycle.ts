import { useCallback } from 'react';
import type { LifecycleAction, VmSummary } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';
import { inflightKey } from './lifecyclePlan';

/** Runs an action on each VM, marks it in flight meanwhile, and turns every failure into a toast. */
export function useRunAction(): (action: LifecycleAction, vms: readonly VmSummary[]) => void {
  const client = useClient();
  const store = useStore();
  return useCallback(
    (action, vms) => {
      for (const vm of vms) {
        const key = inflightKey(vm, action);
        store.setInflight(key, true);
        client
          .call('vms.action', { connectionId: vm.connectionId, uuid: vm.uuid, action })
          .catch((err: unknown) =>
            store.notify({
              variant: 'danger',
              titleKey: `common:actionFailed.${action}`,
              params: { name: vm.name },
              message: errorMessage(err),
            }),
          )
          .finally(() => store.setInflight(key, false));
      }
    },
    [client, store],
  );
}
