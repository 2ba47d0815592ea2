import { TPM_VERSIONS } from '../deviceChoices';
import { tpmModelsFor } from '../../../../shared/deviceOptions';
import type { DeviceCardProps } from './DeviceCard';
import { DeviceSettingsCard } from './DeviceSettingsCard';

type TpmValues = {
  model: ReturnType<typeof tpmModelsFor>[number];
  version: (typeof TPM_VERSIONS)[number];
};

/**
 * A TPM: its interface (CRB, TIS; the POWER ones on a POWER guest) and, for an emulated one, the
 * TPM version.
 */
export function TpmCard(props: DeviceCardProps<'tpm'>) {
  const emulated = props.device.backend === 'emulator';
  const models = tpmModelsFor(props.state.details?.arch, props.device.model);
  return (
    <DeviceSettingsCard<'tpm', TpmValues>
      {...props}
      choices={[
        { id: 'model', value: props.device.model, options: models },
        {
          id: 'version',
          value: props.device.version,
          options: TPM_VERSIONS,
          fallback: '2.0',
          visible: emulated,
        },
      ]}
      settings={(v) => ({
        device: 'tpm',
        model: v.model,
        version: emulated ? v.version : undefined,
      })}
    />
  );
}
