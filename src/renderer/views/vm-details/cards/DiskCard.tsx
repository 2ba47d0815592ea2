import { Button, Flex, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../../shared/api/vmDetailsTypes';
import { useClient } from '../../../state/context';
import type { DetailsState } from '../useVmDetails';
import { DeviceCard } from './DeviceCard';
import { FormError } from './FormError';

/** A disk: source, bus, cache, IO, readonly, shareable, serial; grow it (Resize). */
export function DiskCard({
  device,
  state,
  connectionId,
  uuid,
}: {
  device: DeviceView;
  state: DetailsState;
  connectionId: string;
  uuid: string;
}) {
  const { t } = useTranslation('vmDetails');
  const client = useClient();
  const [size, setSize] = useState('');
  const [error, setError] = useState<string>();
  const title = t('disk.title', { target: device.label });
  const resize = async () =>
    setError(
      await state.run(() =>
        client.call('vms.resizeDisk', {
          connectionId,
          uuid,
          key: device.key,
          capacityBytes: Math.round(Number(size) * 1024 ** 3),
        }),
      ),
    );
  return (
    <DeviceCard device={device} title={title} state={state}>
      <Flex>
        <TextInput
          type="number"
          aria-label={t('disk.newSize', { target: device.label })}
          placeholder={t('disk.sizeGiB')}
          value={size}
          onChange={(_e, v) => setSize(v)}
        />
        <Button
          variant="secondary"
          size="sm"
          isDisabled={size === ''}
          onClick={() => void resize()}
        >
          {t('disk.resize')}
        </Button>
      </Flex>
      <FormError message={error} />
    </DeviceCard>
  );
}
