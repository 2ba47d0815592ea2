import { Card, CardBody, CardTitle, Form, Switch } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetailsState } from '../useVmDetails';
import type { VmDetails } from '../../../../shared/api/vmDetailsTypes';
import { formatKiB } from '../../../format';
import { CurrentMaximumFields } from './CurrentMaximumFields';
import { FormError } from './FormError';

const mib = (kib: number | undefined) => (kib === undefined ? '' : String(Math.floor(kib / 1024)));

/** Current (balloon, live) and maximum memory in MiB; shared memory on / off (virtiofs needs it). */
export function MemoryCard({ details, state }: { details: VmDetails; state: DetailsState }) {
  const { t } = useTranslation('vmDetails');
  const [error, setError] = useState<string>();
  const apply = async (current: string, maximum: string) => {
    setError(
      await state.edit({
        kind: 'memory',
        currentKiB: Number(current) * 1024,
        maximumKiB: Number(maximum) * 1024,
      }),
    );
  };
  return (
    <Card component="article" isCompact aria-label={t('memory.title')}>
      <CardTitle>{t('memory.title')}</CardTitle>
      <CardBody>
        <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
          <CurrentMaximumFields
            id="vd-mem"
            current={mib(details.memory.currentKiB)}
            maximum={mib(details.memory.maximumKiB)}
            currentLabel={t('memory.current')}
            maximumLabel={t('memory.maximum')}
            hint={t('memory.host', { size: formatKiB(details.host.memoryKiB) })}
            applyLabel={t('memory.apply')}
            onApply={(current, maximum) => void apply(current, maximum)}
          />
          <Switch
            id="vd-mem-shared"
            label={t('memory.sharedMemory')}
            isChecked={details.memory.sharedMemory}
            onChange={(_e, on) =>
              void state.edit({ kind: 'sharedMemory', enabled: on }).then(setError)
            }
          />
          <FormError message={error} />
        </Form>
      </CardBody>
    </Card>
  );
}
