import { Button, Flex, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiskSettingsChange } from '../../../../shared/api/vmDetailsTypes';
import { formatBytes } from '../../../format';
import { useClient } from '../../../state/context';
import { DISK_CACHES, DISK_IO } from '../deviceChoices';
import { listed } from '../../../../shared/deviceOptions';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import { FormError } from './FormError';
import { SettingsForm, changedValues } from './SettingsForm';

type YesNo = 'yes' | 'no';
type DiskValues = {
  cache: (typeof DISK_CACHES)[number];
  io: (typeof DISK_IO)[number];
  readonly: YesNo;
  shareable: YesNo;
  serial: string;
};

function settingsOf(changed: Partial<DiskValues>): DiskSettingsChange {
  const flag = (v: YesNo | undefined) => (v === undefined ? undefined : v === 'yes');
  return {
    cache: changed.cache,
    io: changed.io,
    readonly: flag(changed.readonly),
    shareable: flag(changed.shareable),
    serial: changed.serial,
  };
}

/**
 * A disk: source and bus as read; cache, IO, read-only, shareable and serial (at the guest's
 * next start); grow it (Resize: the volume, or the running guest's block device).
 */
export function DiskCard({
  device,
  state,
  connectionId,
  uuid,
}: DeviceCardProps<'disk'> & { connectionId: string; uuid: string }) {
  const { t } = useTranslation('vmDetails');
  const client = useClient();
  const [size, setSize] = useState('');
  const [error, setError] = useState<string>();
  const title = t('disk.title', { target: device.label });
  const yesNo = [
    ['no', t('no')],
    ['yes', t('yes')],
  ] as const;
  const yes = (flag: boolean | undefined): YesNo => (flag ? 'yes' : 'no');
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
      {device.capacityBytes !== undefined && (
        <p>{t('disk.size', { size: formatBytes(device.capacityBytes) })}</p>
      )}
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
      <SettingsForm<DiskValues>
        formId={device.key}
        state={state}
        applyLabel={t('apply')}
        fields={[
          {
            id: 'cache',
            label: t('field.cache'),
            value: listed(DISK_CACHES, device.cache) ?? 'default',
            options: DISK_CACHES,
          },
          {
            id: 'io',
            label: t('field.io'),
            value: listed(DISK_IO, device.io) ?? 'default',
            options: DISK_IO,
          },
          {
            id: 'readonly',
            label: t('field.readonly'),
            value: yes(device.readonly),
            options: yesNo,
          },
          {
            id: 'shareable',
            label: t('field.shareable'),
            value: yes(device.shareable),
            options: yesNo,
          },
          { id: 'serial', label: t('field.serial'), value: device.serial ?? '' },
        ]}
        toEdit={(v, initial) => {
          const changed = changedValues(v, initial);
          return changed && { kind: 'disk', key: device.key, settings: settingsOf(changed) };
        }}
      />
    </DeviceCard>
  );
}
