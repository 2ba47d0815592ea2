import { TPM_MODELS, TPM_VERSIONS } from '../deviceChoices';
import type { DeviceCardProps } from './DeviceCard';
import { DeviceSettingsCard } from './DeviceSettingsCard';
import { fieldValue } from './SettingsForm';

/** A TPM: its interface (CRB, TIS) and, for an emulated one, the TPM version. */
export function TpmCard(props: DeviceCardProps) {
  const emulated = fieldValue(props.device, 'backend') === 'emulator';
  return (
    <DeviceSettingsCard
      {...props}
      choices={[
        { id: 'model', options: TPM_MODELS },
        ...(emulated ? [{ id: 'version', options: TPM_VERSIONS, fallback: '2.0' }] : []),
      ]}
      settings={(v) => ({
        device: 'tpm',
        model: v.model as (typeof TPM_MODELS)[number],
        version: emulated ? (v.version as (typeof TPM_VERSIONS)[number]) : undefined,
      })}
    />
  );
}
