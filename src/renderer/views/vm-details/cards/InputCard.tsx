import { INPUT_BUSES } from '../deviceChoices';
import type { DeviceCardProps } from './DeviceCard';
import { DeviceSettingsCard } from './DeviceSettingsCard';

/** A tablet, mouse or keyboard: the bus it sits on (USB, virtio, PS/2). */
export function InputCard(props: DeviceCardProps<'input'>) {
  return (
    <DeviceSettingsCard<'input', { bus: (typeof INPUT_BUSES)[number] }>
      {...props}
      choices={[{ id: 'bus', value: props.device.bus, options: INPUT_BUSES }]}
      settings={(v) => ({ device: 'input', bus: v.bus })}
    />
  );
}
