import { Button, Flex, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolSummary, VolumeSummary } from '../../../../shared/api/methods/storage';
import { errorMessage } from '../../../api/apiError';
import { useClient } from '../../../state/context';
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
  const client = useClient();
  const [pools, setPools] = useState<PoolSummary[]>([]);
  const [pool, setPool] = useState('');
  const [volumes, setVolumes] = useState<VolumeSummary[]>([]);
  const [volume, setVolume] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    client
      .call('storage.pools.list', { connectionId })
      .then((list) => setPools(list.filter((p) => p.active)))
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [client, connectionId]);

  useEffect(() => {
    setVolume('');
    if (!pool) return setVolumes([]);
    client
      .call('storage.volumes.list', { connectionId, pool })
      .then((list) =>
        // ISO images first: what a CD-ROM most often takes.
        setVolumes(
          [...list].sort((a, b) => Number(b.format === 'iso') - Number(a.format === 'iso')),
        ),
      )
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [client, connectionId, pool]);

  return (
    <>
      <Flex>
        <FormSelect
          aria-label={t('cdrom.pool', { target })}
          value={pool}
          onChange={(_e, v) => setPool(v)}
        >
          <FormSelectOption value="" label={t('cdrom.choosePool')} />
          {pools.map((p) => (
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
