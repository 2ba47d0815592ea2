import { useTranslation } from 'react-i18next';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';

/**
 * A controller (USB, SCSI, virtio-serial, PCI...). Its type, model and index decide the
 * addresses of the devices on it, so libvirt changes none of them in place: shown, removable.
 */
export function ControllerCard({ device, state }: DeviceCardProps<'controller'>) {
  const { t } = useTranslation('vmDetails');
  return (
    <DeviceCard
      device={device}
      title={t('kind.controller', { label: device.label })}
      state={state}
    />
  );
}
