import { TPM_MODELS, TPM_VERSIONS } from '../deviceChoices';
import type { DeviceCardProps } from './DeviceCard';
import { DeviceSettingsCard } from './DeviceSettingsCard';

/** A TPM: its interface (CRB, TIS) and, for an emulated one, the TPM version. */
export function TpmCard(props: DeviceCardProps<'tpm'>) {
  const emulated = props.device.backend === 'emulator';
  return (
    <DeviceSettingsCard
      {...props}
      choices={[
        { id: 'model', value: props.device.model, options: TPM_MODELS },
        ...(emulated
          ? [{ id: 'version', value: props.device.version, options: TPM_VERSIONS, fallback: '2.0' }]
          : []),
      ]}
      settings={(v) => ({
        device: 'tpm',
        model: v.model as (typeof TPM_MODELS)[number],
        version: emulated ? (v.version as (typeof TPM_VERSIONS)[number]) : undefined,
      })}
    />
  );
}
