import { VIDEO_MODELS } from '../deviceChoices';
import type { DeviceCardProps } from './DeviceCard';
import { DeviceSettingsCard } from './DeviceSettingsCard';

/** A video device: its model (virtio, QXL, VGA...); the guest gets it at its next start. */
export function VideoCard(props: DeviceCardProps<'video'>) {
  return (
    <DeviceSettingsCard<'video', { model: (typeof VIDEO_MODELS)[number] }>
      {...props}
      choices={[{ id: 'model', value: props.device.model, options: VIDEO_MODELS }]}
      settings={(v) => ({ device: 'video', model: v.model })}
    />
  );
}
