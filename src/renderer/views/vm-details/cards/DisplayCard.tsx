import { useTranslation } from 'react-i18next';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import { SettingsForm, changedValues } from './SettingsForm';

type DisplayValues = { type: 'vnc' | 'spice'; listen: string };

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
      <SettingsForm<DisplayValues>
        formId={device.key}
        state={state}
        applyLabel={t('apply')}
        fields={[
          {
            id: 'type',
            label: t('display.type'),
            value: device.type === 'spice' ? 'spice' : 'vnc',
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
                type: changed.type,
                listen: changed.listen,
              }
            : undefined;
        }}
      />
      <SettingsForm<{ password: string }>
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
        <SettingsForm<Record<never, string>>
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
