import { Button, Flex, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../state/queries';
import { FormError } from './FormError';

/**
 * Pick a volume of one of the host's active storage pools (ISO images first) and hand it on as
 * "volume:POOL/VOLUME", which the backend puts in the drive as a pool volume.
 */
export function VolumePicker({
  connectionId,
  target,
  onPick,
}: {
  connectionId: string;
  /** The drive ("hdc"), for the controls' names. */
  target: string;
  onPick(source: string): Promise<void>;
}) {
  const { t } = useTranslation('vmDetails');
  const [pool, setPool] = useState('');
  const [volume, setVolume] = useState('');
  const pools = useApiQuery('storage.pools.list', { connectionId });
  const poolVolumes = useApiQuery(
    'storage.volumes.list',
    pool ? { connectionId, pool } : undefined,
  );
  // ISO images first: what a CD-ROM most often takes.
  const volumes = [...(poolVolumes.data ?? [])].sort(
    (a, b) => Number(b.format === 'iso') - Number(a.format === 'iso'),
  );
  const error = pools.error ?? poolVolumes.error;

  return (
    <>
      <Flex>
        <FormSelect
          aria-label={t('cdrom.pool', { target })}
          value={pool}
          onChange={(_e, v) => {
            setPool(v);
            setVolume('');
          }}
        >
          <FormSelectOption value="" label={t('cdrom.choosePool')} />
          {pools.data
            ?.filter((p) => p.active)
            .map((p) => (
              <FormSelectOption key={p.name} value={p.name} label={p.name} />
            ))}
        </FormSelect>
        <FormSelect
          aria-label={t('cdrom.volume', { target })}
          value={volume}
          isDisabled={!pool}
          onChange={(_e, v) => setVolume(v)}
        >
          <FormSelectOption value="" label={t('cdrom.chooseVolume')} />
          {volumes.map((v) => (
            <FormSelectOption key={v.name} value={v.name} label={v.name} />
          ))}
        </FormSelect>
        <Button
          variant="secondary"
          size="sm"
          isDisabled={!pool || !volume}
          onClick={() => void onPick(`volume:${pool}/${volume}`)}
        >
          {t('cdrom.insertVolume')}
        </Button>
      </Flex>
      <FormError message={error} />
    </>
  );
}
