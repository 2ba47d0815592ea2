import { useState } from 'react';
import type { VmSummary } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';

/**
 * Autostart on host boot; the list shows the new value when the backend's delta arrives. Plain
 * PatternFly switch markup rather than its React component: a list row mounts one per VM on
 * every filter keystroke, and this keeps that cheap.
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
  const [busy, setBusy] = useState(false);
  const onChange = (checked: boolean) => {
    setBusy(true);
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
      .finally(() => setBusy(false));
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
