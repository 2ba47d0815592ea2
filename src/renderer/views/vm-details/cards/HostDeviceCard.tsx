import { useTranslation } from 'react-i18next';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';

/** A USB or PCI device of the host given to the guest, or a redirected USB device. */
export function HostDeviceCard({ device, state }: DeviceCardProps<'hostdev' | 'redirdev'>) {
  const { t } = useTranslation('vmDetails');
  return (
    <DeviceCard
      device={device}
      title={t(`kind.${device.kind}`, { label: device.label })}
      state={state}
    />
  );
}
