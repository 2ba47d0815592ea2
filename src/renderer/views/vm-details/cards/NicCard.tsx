import { Switch } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NicSourceChoice } from '../../../../shared/api/vmDetailsTypes';
import { DIRECT_MODES, NIC_MODELS, NIC_SOURCE_KINDS } from '../deviceChoices';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import { FormError } from './FormError';
import { SettingsForm, changedValues } from './SettingsForm';

type NicValues = {
  sourceType: (typeof NIC_SOURCE_KINDS)[number];
  source: string;
  mode: (typeof DIRECT_MODES)[number];
  model: string;
};

function sourceOf(v: NicValues): NicSourceChoice {
  if (v.sourceType === 'bridge') return { bridge: v.source };
  if (v.sourceType === 'direct') return { direct: v.source, mode: v.mode };
  return { network: v.source };
}

/**
 * A NIC: its source (a virtual network, a host bridge, or macvtap on a host device) and link
 * state change live where libvirt can; its model at the guest's next start.
 */
export function NicCard({ device, state }: DeviceCardProps<'interface'>) {
  const { t } = useTranslation('vmDetails');
  const [error, setError] = useState<string>();
  const sourceType = NIC_SOURCE_KINDS.find((k) => k === device.type) ?? 'network';
  const model = device.model ?? '';
  const title = t('nic.title', { mac: device.label });
  return (
    <DeviceCard device={device} title={title} state={state}>
      <Switch
        id={`vd-link-${device.key}`}
        label={t('nic.link')}
        isChecked={device.linkUp}
        onChange={(_e, on) =>
          void state.edit({ kind: 'interface', key: device.key, linkUp: on }).then(setError)
        }
      />
      <FormError message={error} />
      <SettingsForm<NicValues>
        formId={device.key}
        state={state}
        applyLabel={t('apply')}
        fields={[
          {
            id: 'sourceType',
            label: t('nic.sourceType'),
            value: sourceType,
            options: NIC_SOURCE_KINDS.map((k) => [k, t(`nic.sourceTypes.${k}`)] as const),
          },
          { id: 'source', label: t('nic.source'), value: device.source ?? '' },
          {
            id: 'mode',
            label: t('nic.mode'),
            value: 'bridge',
            options: DIRECT_MODES,
            visible: (v) => v.sourceType === 'direct',
          },
          {
            id: 'model',
            label: t('field.model'),
            value: model,
            options: [...new Set([model, ...NIC_MODELS])].filter(Boolean),
          },
        ]}
        toEdit={(v, initial) => {
          const changed = changedValues(v, initial);
          if (!changed) return undefined;
          const sourceChanged = ['sourceType', 'source', 'mode'].some((k) => k in changed);
          return {
            kind: 'interface',
            key: device.key,
            source: sourceChanged ? sourceOf(v) : undefined,
            model: changed.model,
          };
        }}
      />
    </DeviceCard>
  );
}
