import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Nav,
  NavItem,
  NavList,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionConfig } from '../../../shared/api/types';
import { ApiError, errorMessage } from '../../api/apiError';
import { JobProgressBar } from '../../components/jobs/JobProgressBar';
import { consoleHash, vmHash } from '../../routes';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { connectionLabel } from '../connections/hostState';
import { NameStep } from './NameStep';
import { NetworkStep } from './NetworkStep';
import { OsStep } from './OsStep';
import { ResourcesStep } from './ResourcesStep';
import { SourceStep } from './SourceStep';
import { StorageStep } from './StorageStep';
import { SummaryStep } from './SummaryStep';
import {
  STEPS,
  applyDefaults,
  errorsOf,
  initialForm,
  stepOfField,
  toOptions,
  type Step,
  type WizardForm,
} from './wizardState';
import type { StepProps } from './stepProps';
import './newVm.css';

/**
 * The New VM wizard: one page per choice (source, OS, memory and CPUs, storage, network, name),
 * checked by the backend at each Next so a problem shows on its own page, then a summary whose
 * Create starts one job; its steps show in the progress bar, and when it is done the VM's console
 * opens (or its page, for "Customize configuration before install").
 */
export function NewVmWizard(props: {
  connections: readonly ConnectionConfig[];
  initialConnectionId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('newVm');
  const client = useClient();
  const store = useStore();
  const [connectionId, setConnectionId] = useState(props.initialConnectionId);
  const [form, setForm] = useState<WizardForm>(initialForm);
  const [step, setStep] = useState<Step>('source');
  // The chosen host's facts; none shown while another host's would stand for them.
  const hostFacts = useApiQuery('newVm.hostFacts', { connectionId }, { keepPrevious: false });
  const facts = hostFacts.data;
  // The OS list and an OS's defaults only help: unreadable, the list is empty and the form
  // keeps its values.
  const oses = useApiQuery('newVm.osList', { connectionId }).data ?? [];
  const osDefaults = useApiQuery('newVm.osDefaults', { connectionId, osId: form.osId }).data;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ jobId: string; uuid: string }>();
  const job = useSlice(store.jobs, (jobs) => (created ? jobs.get(created.jobId) : undefined));

  // The chosen OS's (and host's) memory, vCPUs and disk size, as the form's starting values.
  useEffect(() => {
    if (osDefaults) setForm((f) => applyDefaults(f, osDefaults, facts));
  }, [osDefaults, facts]);

  useEffect(() => {
    if (!created || job?.phase !== 'done') return;
    props.onClose();
    window.location.hash = form.customize
      ? vmHash(connectionId, created.uuid)
      : consoleHash(connectionId, created.uuid);
  }, [created, job?.phase, props, form.customize, connectionId]);

  const update = (patch: Partial<WizardForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const rest = { ...e };
      for (const key of Object.keys(patch)) delete rest[`${step}.${key}`];
      return rest;
    });
  };

  /** Applies the backend's field errors; returns the first page at fault up to `upTo`. */
  const showErrors = (err: unknown, upTo: Step): Step | undefined => {
    const fields =
      err instanceof ApiError && err.fields ? (err.fields as Record<string, string>) : {};
    if (Object.keys(fields).length === 0) {
      setGeneral(errorMessage(err));
      return upTo;
    }
    const limit = STEPS.indexOf(upTo);
    const relevant = Object.entries(fields).filter(([k]) => {
      const s = stepOfField(k);
      return s !== undefined && STEPS.indexOf(s) <= limit;
    });
    setErrors(Object.fromEntries(relevant));
    const pages = relevant.map(([k]) => STEPS.indexOf(stepOfField(k) ?? 'summary'));
    return pages.length > 0 ? STEPS[Math.min(...pages)] : undefined;
  };

  const next = async () => {
    setGeneral(undefined);
    setBusy(true);
    try {
      await client.call('newVm.check', toOptions(connectionId, form));
      setErrors({});
      setStep(STEPS[STEPS.indexOf(step) + 1] ?? step);
    } catch (err) {
      const at = showErrors(err, step);
      if (at) setStep(at);
      else setStep(STEPS[STEPS.indexOf(step) + 1] ?? step);
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    setGeneral(undefined);
    setBusy(true);
    try {
      const started = await client.call('newVm.create', toOptions(connectionId, form));
      setCreated({ jobId: started.jobId, uuid: started.uuid });
    } catch (err) {
      const at = showErrors(err, 'summary');
      if (at && at !== 'summary') setStep(at);
    } finally {
      setBusy(false);
    }
  };

  const stepProps: StepProps = {
    connectionId,
    form,
    update,
    facts,
    errors: errorsOf(errors, step),
  };
  const index = STEPS.indexOf(step);
  const running = created !== undefined && job?.phase !== 'failed';
  return (
    <Modal
      isOpen
      variant="large"
      onEscapePress={running ? undefined : props.onClose}
      aria-labelledby="vd-new-vm-title"
      className="vd-new-vm"
    >
      <ModalHeader title={t('title')} labelId="vd-new-vm-title" />
      <ModalBody>
        <div className="vd-new-vm-layout">
          <Nav aria-label={t('steps')} className="vd-new-vm-nav">
            <NavList>
              {STEPS.map((s, i) => (
                <NavItem
                  key={s}
                  isActive={s === step}
                  onClick={() => i < index && !running && setStep(s)}
                >
                  {t(`step.${s}`)}
                </NavItem>
              ))}
            </NavList>
          </Nav>
          <Form className="vd-new-vm-page" onSubmit={(e) => e.preventDefault()}>
            {step === 'source' && (
              <FormGroup label={t('host')} fieldId="vd-new-vm-host">
                <FormSelect
                  id="vd-new-vm-host"
                  value={connectionId}
                  onChange={(_e, v) => setConnectionId(v)}
                >
                  {props.connections.map((c) => (
                    <FormSelectOption
                      key={c.id}
                      value={c.id}
                      label={connectionLabel(c).label ?? c.uri}
                    />
                  ))}
                </FormSelect>
              </FormGroup>
            )}
            {(general ?? hostFacts.error) && (
              <Alert isInline variant="danger" title={general ?? hostFacts.error} />
            )}
            {step === 'source' && <SourceStep {...stepProps} />}
            {step === 'os' && <OsStep {...stepProps} oses={oses} />}
            {step === 'resources' && <ResourcesStep {...stepProps} />}
            {step === 'storage' && <StorageStep {...stepProps} />}
            {step === 'network' && <NetworkStep {...stepProps} />}
            {step === 'name' && <NameStep {...stepProps} oses={oses} />}
            {step === 'summary' && <SummaryStep {...stepProps} oses={oses} />}
            {created && <JobProgressBar jobId={created.jobId} />}
          </Form>
        </div>
      </ModalBody>
      <ModalFooter>
        {step !== 'summary' ? (
          <Button onClick={() => void next()} isLoading={busy} isDisabled={busy}>
            {t('next')}
          </Button>
        ) : (
          <Button onClick={() => void create()} isLoading={busy} isDisabled={busy || running}>
            {t('create')}
          </Button>
        )}
        <Button
          variant="secondary"
          onClick={() => setStep(STEPS[index - 1] ?? step)}
          isDisabled={index === 0 || running}
        >
          {t('back')}
        </Button>
        <Button variant="link" onClick={props.onClose} isDisabled={running}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
