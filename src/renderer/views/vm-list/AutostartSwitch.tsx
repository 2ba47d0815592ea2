import { Switch } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';

/** Autostart on host boot; the list shows the new value when the backend's delta arrives. */
export function AutostartSwitch({ vm, disabled }: { vm: VmSummary; disabled: boolean }) {
  const { t } = useTranslation('vmList');
  const client = useClient();
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const onChange = (_event: unknown, checked: boolean) => {
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
    <Switch
      id={`vd-autostart-${vm.connectionId}-${vm.uuid}`}
      className="vd-switch"
      aria-label={t('autostartOf', { name: vm.name })}
      isChecked={vm.autostart}
      isDisabled={disabled || busy || !vm.persistent}
      onChange={onChange}
    />
  );
}
