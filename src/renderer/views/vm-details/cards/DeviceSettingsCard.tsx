import { useTranslation } from 'react-i18next';
import type { DeviceKind, DeviceSettingsChange } from '../../../../shared/api/vmDetailsTypes';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import {
  SettingsForm,
  changedValues,
  type ChoiceField,
  type SettingField,
  type SettingValues,
} from './SettingsForm';

/**
 * One choice of a card, labelled as field `field` (default: `id`): the device's value as its XML
 * has it; without one, `fallback`, else the first option (what the select shows). A value the app
 * does not list is offered as it is, beside the options (see fieldOf).
 */
interface ChoiceOf<V extends SettingValues, K extends keyof V & string> {
  id: K;
  value: string | undefined;
  options: readonly [V[K], ...V[K][]];
  field?: string;
  /** i18n key prefix of the options' labels; the values themselves when absent. */
  optionLabels?: string;
  fallback?: V[K];
  /** False: kept in the values (the setting is sent whole) but not shown. */
  visible?: boolean;
}
export type DeviceChoice<V extends SettingValues> = {
  [K in keyof V & string]: ChoiceOf<V, K>;
}[keyof V & string];

/**
 * A device card whose settings are one "deviceSettings" edit (video, sound, input, TPM, RNG,
 * watchdog): the device's fields, its form, Remove. The change reaches a running guest at its
 * next start, which the page says.
 */
export function DeviceSettingsCard<K extends DeviceKind, V extends SettingValues>({
  device,
  state,
  choices,
  settings,
}: DeviceCardProps<K> & {
  choices: DeviceChoice<V>[];
  /** The edit for the form's values (all of them: the backend needs the whole setting). */
  settings(values: V): DeviceSettingsChange;
}) {
  const { t } = useTranslation('vmDetails');
  const title = t(`kind.${device.kind}`, { label: device.label });
  return (
    <DeviceCard device={device} title={title} state={state}>
      <SettingsForm
        formId={device.key}
        fields={choices.map((c) => fieldOf(c, (key, options) => t(key, options), c.optionLabels))}
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

/** The form field of one choice (generic over its key, so its value and options stay typed). */
function fieldOf<V extends SettingValues, K extends keyof V & string>(
  c: ChoiceOf<V, K>,
  t: (key: string, options?: Record<string, unknown>) => string,
  optionLabels: string | undefined,
): SettingField<V> {
  const known = c.options.find((o) => o === c.value);
  // A value the XML holds that the app does not list (a newer libvirt's model...) is shown and sent
  // back as it is, never silently replaced by the first option when another field is applied: the
  // backend then keeps it or says why it cannot. It is one more option, so the cast holds.
  const unlisted = known === undefined && c.value ? (c.value as V[K]) : undefined;
  const label = (o: V[K]) => (optionLabels && o !== unlisted ? t(`${optionLabels}.${o}`) : o);
  const field: ChoiceField<V, K> = {
    id: c.id,
    label: t(`field.${c.field ?? c.id}`),
    value: known ?? unlisted ?? c.fallback ?? c.options[0],
    options: (unlisted ? [unlisted, ...c.options] : c.options).map((o) => [o, label(o)] as const),
    visible: c.visible === false ? () => false : undefined,
  };
  return field;
}
