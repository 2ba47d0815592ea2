import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  Switch,
  TextInput,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetailsState } from '../useVmDetails';
import type { VmDetails } from '../../../../shared/api/vmDetailsTypes';
import { formatKiB } from '../../../format';
import { FormError } from './FormError';

const mib = (kib: number | undefined) => (kib === undefined ? '' : String(Math.floor(kib / 1024)));

/** Current (balloon, live) and maximum memory in MiB; shared memory on / off (virtiofs needs it). */
export function MemoryCard({ details, state }: { details: VmDetails; state: DetailsState }) {
  const { t } = useTranslation('vmDetails');
  const [current, setCurrent] = useState(mib(details.memory.currentKiB));
  const [maximum, setMaximum] = useState(mib(details.memory.maximumKiB));
  const [error, setError] = useState<string>();
  useEffect(() => {
    setCurrent(mib(details.memory.currentKiB));
    setMaximum(mib(details.memory.maximumKiB));
  }, [details.memory.currentKiB, details.memory.maximumKiB]);
  const apply = async () => {
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
          <FormGroup label={t('memory.current')} fieldId="vd-mem-current">
            <TextInput
              id="vd-mem-current"
              type="number"
              value={current}
              onChange={(_e, v) => setCurrent(v)}
            />
          </FormGroup>
          <FormGroup label={t('memory.maximum')} fieldId="vd-mem-max">
            <TextInput
              id="vd-mem-max"
              type="number"
              value={maximum}
              onChange={(_e, v) => setMaximum(v)}
            />
          </FormGroup>
          <div className="vd-muted">
            {t('memory.host', { size: formatKiB(details.host.memoryKiB) })}
          </div>
          <Button variant="primary" onClick={() => void apply()}>
            {t('memory.apply')}
          </Button>
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
