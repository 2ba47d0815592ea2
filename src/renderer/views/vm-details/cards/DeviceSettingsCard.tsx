import { useTranslation } from 'react-i18next';
import type { DeviceSettingsChange } from '../../../../shared/api/vmDetailsTypes';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import { SettingsForm, changedValues, fieldValue, type SettingValues } from './SettingsForm';

/** One choice of a card: its value read from the device's field `field` (default: `id`). */
export interface DeviceChoice {
  id: string;
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
export function DeviceSettingsCard({
  device,
  state,
  choices,
  settings,
}: DeviceCardProps & {
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
          value: fieldValue(device, c.field ?? c.id) || (c.fallback ?? ''),
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
