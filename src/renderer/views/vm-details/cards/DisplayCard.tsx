import { useTranslation } from 'react-i18next';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import { SettingsForm, changedValues } from './SettingsForm';

/**
 * A VNC or SPICE display: protocol and listen address (at the next start), and its password,
 * which is set (live when QEMU allows) or cleared but never shown: the page only knows whether
 * there is one.
 */
export function DisplayCard({ device, state }: DeviceCardProps<'graphics'>) {
  const { t } = useTranslation('vmDetails');
  const title = t('kind.graphics', { label: device.label });
  return (
    <DeviceCard device={device} title={title} state={state}>
      <SettingsForm
        formId={device.key}
        state={state}
        applyLabel={t('apply')}
        fields={[
          {
            id: 'type',
            label: t('display.type'),
            value: device.type ?? '',
            options: [
              ['vnc', 'VNC'],
              ['spice', 'SPICE'],
            ],
          },
          { id: 'listen', label: t('display.listen'), value: device.listen ?? '' },
        ]}
        toEdit={(v, initial) => {
          const changed = changedValues(v, initial);
          return changed
            ? {
                kind: 'graphics',
                key: device.key,
                type: changed.type as 'vnc' | 'spice' | undefined,
                listen: changed.listen,
              }
            : undefined;
        }}
      />
      <SettingsForm
        formId={`${device.key}-password`}
        state={state}
        applyLabel={t('display.setPassword')}
        clearAfterApply
        fields={[{ id: 'password', label: t('display.password'), value: '', type: 'password' }]}
        toEdit={(v) =>
          v.password ? { kind: 'graphics', key: device.key, password: v.password } : undefined
        }
      />
      {device.hasPassword && (
        <SettingsForm
          formId={`${device.key}-clear`}
          state={state}
          applyLabel={t('display.clearPassword')}
          fields={[]}
          toEdit={() => ({ kind: 'graphics', key: device.key, password: null })}
        />
      )}
    </DeviceCard>
  );
}
