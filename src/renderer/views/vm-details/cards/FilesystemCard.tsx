import { useTranslation } from 'react-i18next';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';

/**
 * A filesystem share (virtiofs or 9p): host directory and mount tag as the XML says. libvirt
 * changes neither in place; a different share is Remove and Add hardware.
 */
export function FilesystemCard({ device, state }: DeviceCardProps<'filesystem'>) {
  const { t } = useTranslation('vmDetails');
  return (
    <DeviceCard
      device={device}
      title={t('kind.filesystem', { label: device.label })}
      state={state}
    />
  );
}
