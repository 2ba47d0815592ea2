import { SOUND_MODELS } from '../deviceChoices';
import type { DeviceCardProps } from './DeviceCard';
import { DeviceSettingsCard } from './DeviceSettingsCard';

/** A sound card: its model (ICH9 HDA, AC97, USB audio...). */
export function SoundCard(props: DeviceCardProps<'sound'>) {
  return (
    <DeviceSettingsCard<'sound', { model: (typeof SOUND_MODELS)[number] }>
      {...props}
      choices={[{ id: 'model', value: props.device.model, options: SOUND_MODELS }]}
      settings={(v) => ({ device: 'sound', model: v.model })}
    />
  );
}
