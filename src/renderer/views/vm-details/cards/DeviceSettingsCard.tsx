import { useTranslation } from 'react-i18next';
import type { DeviceKind, DeviceSettingsChange } from '../../../../shared/api/vmDetailsTypes';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import { SettingsForm, changedValues, type SettingValues } from './SettingsForm';

/** One choice of a card: its value as the device's XML has it, labelled as field `field` (default: `id`). */
export interface DeviceChoice {
  id: string;
  value: string | undefined;
  options: readonly string[];
  field?: string;
  /** i18n key prefix of the options' labels; the values themselves when absent. */
  optionLabels?: string;
  /** The value when the XML has none. */
  fallback?: string;
}

/**
 * A device card whose settings are one "deviceSettings" edit (video, sound, input, TPM, RNG,
 * watchdog): the device's fields, its form, Remove. The change reaches a running guest at its
 * next start, which the page says.
 */
export function DeviceSettingsCard<K extends DeviceKind>({
  device,
  state,
  choices,
  settings,
}: DeviceCardProps<K> & {
  choices: DeviceChoice[];
  /** The edit for the form's values (all of them: the backend needs the whole setting). */
  settings(values: SettingValues): DeviceSettingsChange;
}) {
  const { t } = useTranslation('vmDetails');
  const title = t(`kind.${device.kind}`, { label: device.label });
  return (
    <DeviceCard device={device} title={title} state={state}>
      <SettingsForm
        formId={device.key}
        fields={choices.map((c) => ({
          id: c.id,
          label: t(`field.${c.field ?? c.id}`),
          value: c.value || (c.fallback ?? ''),
          options: c.options.map((o) => [o, c.optionLabels ? t(`${c.optionLabels}.${o}`) : o]),
        }))}
        state={state}
        applyLabel={t('apply')}
        toEdit={(values, initial) =>
          changedValues(values, initial)
            ? { kind: 'deviceSettings', key: device.key, settings: settings(values) }
            : undefined
        }
      />
    </DeviceCard>
  );
}
