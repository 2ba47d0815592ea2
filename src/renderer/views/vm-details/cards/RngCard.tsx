import { RNG_SOURCES } from '../deviceChoices';
import type { DeviceCardProps } from './DeviceCard';
import { DeviceSettingsCard } from './DeviceSettingsCard';

/** A virtio RNG: the host's random source it reads. */
export function RngCard(props: DeviceCardProps<'rng'>) {
  return (
    <DeviceSettingsCard<'rng', { source: (typeof RNG_SOURCES)[number] }>
      {...props}
      choices={[
        {
          id: 'source',
          field: 'backend',
          value: props.device.backend,
          options: RNG_SOURCES,
        },
      ]}
      settings={(v) => ({ device: 'rng', source: v.source })}
    />
  );
}
