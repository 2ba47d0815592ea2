import { useState } from 'react';
import type { VmSummary } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';

/**
 * Autostart on host boot; the list shows the new value when the backend's delta arrives. Plain
 * PatternFly switch markup rather than its React component: cheap to render in every row.
 */
export function AutostartSwitch({
  vm,
  disabled,
  label,
}: {
  vm: VmSummary;
  disabled: boolean;
  /** "Autostart <name>", already translated by the grid. */
  label: string;
}) {
  const client = useClient();
  const store = useStore();
  // The VM whose change is in flight: rows are pooled by position, so this same switch may show
  // another VM by the time the answer comes.
  const [busyUuid, setBusyUuid] = useState<string | undefined>();
  const busy = busyUuid === vm.uuid;
  const onChange = (checked: boolean) => {
    const uuid = vm.uuid;
    setBusyUuid(uuid);
    client
      .call('vms.setAutostart', {
        connectionId: vm.connectionId,
        uuid: vm.uuid,
        autostart: checked,
      })
      .catch((err: unknown) =>
        store.notify({
          variant: 'danger',
          titleKey: 'vmList:autostartFailed',
          params: { name: vm.name },
          message: errorMessage(err),
        }),
      )
      .finally(() => setBusyUuid((current) => (current === uuid ? undefined : current)));
  };
  return (
    <label className="pf-v6-c-switch vd-switch">
      <input
        className="pf-v6-c-switch__input"
        type="checkbox"
        role="switch"
        aria-label={label}
        checked={vm.autostart}
        disabled={disabled || busy || !vm.persistent}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span className="pf-v6-c-switch__toggle" />
    </label>
  );
}
