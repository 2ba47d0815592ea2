import { Button, Flex, Switch, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../../shared/api/vmDetailsTypes';
import type { DetailsState } from '../useVmDetails';
import { DeviceCard } from './DeviceCard';
import { FormError } from './FormError';

/** A NIC: source network or bridge, model, MAC; link state and source change live. */
export function NicCard({ device, state }: { device: DeviceView; state: DetailsState }) {
  const { t } = useTranslation('vmDetails');
  const [network, setNetwork] = useState('');
  const [error, setError] = useState<string>();
  const linkUp = device.fields.find(([n]) => n === 'field.link')?.[1] !== 'down';
  const title = t('nic.title', { mac: device.label });
  return (
    <DeviceCard device={device} title={title} state={state}>
      <Switch
        id={`vd-link-${device.key}`}
        label={t('nic.link')}
        isChecked={linkUp}
        onChange={(_e, on) =>
          void state.edit({ kind: 'interface', key: device.key, linkUp: on }).then(setError)
        }
      />
      <Flex>
        <TextInput
          aria-label={t('nic.network', { mac: device.label })}
          placeholder={t('nic.networkName')}
          value={network}
          onChange={(_e, v) => setNetwork(v)}
        />
        <Button
          variant="secondary"
          size="sm"
          isDisabled={network === ''}
          onClick={() =>
            void state
              .edit({ kind: 'interface', key: device.key, source: { network } })
              .then(setError)
          }
        >
          {t('nic.setNetwork')}
        </Button>
      </Flex>
      <FormError message={error} />
    </DeviceCard>
  );
}
