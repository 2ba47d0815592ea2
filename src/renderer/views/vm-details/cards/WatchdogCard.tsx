import { WATCHDOG_ACTIONS } from '../../../../shared/api/vmDetailsTypes';
import { WATCHDOG_MODELS } from '../deviceChoices';
import type { DeviceCardProps } from './DeviceCard';
import { DeviceSettingsCard } from './DeviceSettingsCard';

type WatchdogValues = {
  model: (typeof WATCHDOG_MODELS)[number];
  action: (typeof WATCHDOG_ACTIONS)[number];
};

/** A watchdog: its model and what the host does when the guest stops feeding it. */
export function WatchdogCard(props: DeviceCardProps<'watchdog'>) {
  return (
    <DeviceSettingsCard<'watchdog', WatchdogValues>
      {...props}
      choices={[
        {
          id: 'model',
          value: props.device.model,
          options: WATCHDOG_MODELS,
        },
        {
          id: 'action',
          value: props.device.action,
          options: WATCHDOG_ACTIONS,
          optionLabels: 'watchdog.actions',
        },
      ]}
      settings={(v) => ({ device: 'watchdog', model: v.model, action: v.action })}
    />
  );
}
