import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmDetails } from '../../../../shared/api/vmDetailsTypes';
import type { DetailsState } from '../useVmDetails';
import { CurrentMaximumFields } from './CurrentMaximumFields';
import { FormError } from './FormError';
import { SettingsForm } from './SettingsForm';
import { CPU_MODES } from '../deviceChoices';
import { listed } from '../../../../shared/deviceOptions';

/**
 * vCPU count and maximum, CPU mode (host-passthrough...) and model, topology (sockets × cores ×
 * threads, which sets the maximum).
 */
export function CpuCard({ details, state }: { details: VmDetails; state: DetailsState }) {
  const { t } = useTranslation('vmDetails');
  const { cpu } = details;
  const [mode, setMode] = useState(listed(CPU_MODES, cpu.mode) ?? 'custom');
  const [model, setModel] = useState(cpu.model ?? '');
  const [error, setError] = useState<string>();
  const apply = async (current: string, maximum: string) =>
    setError(
      await state.edit({ kind: 'vcpus', current: Number(current), maximum: Number(maximum) }),
    );
  const applyMode = async () =>
    setError(
      await state.edit({
        kind: 'cpuMode',
        mode,
        model: mode === 'custom' ? model : undefined,
      }),
    );
  // Without a topology in the XML the form starts from one socket of `maximum` cores.
  const topology = (id: 'sockets' | 'cores' | 'threads') =>
    String(cpu.topology?.[id] ?? (id === 'cores' ? cpu.maximum : 1));
  return (
    <Card component="article" isCompact aria-label={t('cpu.title')}>
      <CardTitle>{t('cpu.title')}</CardTitle>
      <CardBody>
        <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
          <CurrentMaximumFields
            id="vd-cpu"
            current={String(cpu.current)}
            maximum={String(cpu.maximum)}
            currentLabel={t('cpu.current')}
            maximumLabel={t('cpu.maximum')}
            hint={t('cpu.hostMax', { count: details.host.maxVcpus })}
            applyLabel={t('cpu.apply')}
            onApply={(current, maximum) => void apply(current, maximum)}
          />
          <FormGroup label={t('cpu.mode')} fieldId="vd-cpu-mode">
            <FormSelect
              id="vd-cpu-mode"
              value={mode}
              onChange={(_e, v) => setMode(listed(CPU_MODES, v) ?? mode)}
            >
              {CPU_MODES.map((m) => (
                <FormSelectOption key={m} value={m} label={t(`cpu.modes.${m}`)} />
              ))}
            </FormSelect>
          </FormGroup>
          {mode === 'custom' && (
            <FormGroup label={t('cpu.model')} fieldId="vd-cpu-model">
              <TextInput id="vd-cpu-model" value={model} onChange={(_e, v) => setModel(v)} />
            </FormGroup>
          )}
          <Button variant="secondary" onClick={() => void applyMode()}>
            {t('cpu.applyMode')}
          </Button>
          <FormError message={error} />
        </Form>
        <SettingsForm<{ sockets: string; cores: string; threads: string }>
          formId="cpu-topology"
          state={state}
          applyLabel={t('cpu.applyTopology')}
          fields={[
            { id: 'sockets', type: 'number', label: t('cpu.sockets'), value: topology('sockets') },
            { id: 'cores', type: 'number', label: t('cpu.cores'), value: topology('cores') },
            { id: 'threads', type: 'number', label: t('cpu.threads'), value: topology('threads') },
          ]}
          toEdit={(v) => ({
            kind: 'cpuTopology',
            sockets: Number(v.sockets),
            cores: Number(v.cores),
            threads: Number(v.threads),
          })}
        />
        <div className="vd-muted">{t('cpu.topologyHint')}</div>
      </CardBody>
    </Card>
  );
}
