import { useTranslation } from 'react-i18next';
import { CHAR_TYPES } from '../deviceChoices';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import { SettingsForm, changedValues } from './SettingsForm';

type CharValues = { type: (typeof CHAR_TYPES)[number]; path: string };

/**
 * A serial or parallel port, console or channel. Ports and consoles choose what they are
 * connected to on the host (a pty for the app's serial console, a log file, a unix socket);
 * channels (guest agent, SPICE agent) are fixed by their purpose and only shown.
 */
export function SerialCard({
  device,
  state,
}: DeviceCardProps<'serial' | 'console' | 'channel' | 'parallel'>) {
  const { t } = useTranslation('vmDetails');
  const title = t(`kind.${device.kind}`, { label: device.label });
  const type = CHAR_TYPES.find((c) => c === device.type);
  const editable = device.kind !== 'channel' && type !== undefined;
  return (
    <DeviceCard device={device} title={title} state={state}>
      {editable && (
        <SettingsForm<CharValues>
          formId={device.key}
          state={state}
          applyLabel={t('apply')}
          fields={[
            {
              id: 'type',
              label: t('serial.type'),
              value: type ?? 'pty',
              options: CHAR_TYPES.map((c) => [c, t(`serial.types.${c}`)] as const),
            },
            {
              id: 'path',
              label: t('serial.path'),
              value: type === 'pty' ? '' : (device.source ?? ''),
              visible: (v) => v.type !== 'pty',
            },
          ]}
          toEdit={(v, initial) =>
            changedValues(v, initial)
              ? {
                  kind: 'charSource',
                  key: device.key,
                  type: v.type,
                  path: v.type === 'pty' ? undefined : v.path,
                }
              : undefined
          }
        />
      )}
    </DeviceCard>
  );
}
