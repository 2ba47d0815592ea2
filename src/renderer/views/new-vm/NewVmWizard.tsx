import {
  Alert,
  Button,
  Form,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Nav,
  NavItem,
  NavList,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionConfig } from '../../../shared/api/types';
import { ApiError, errorMessage } from '../../api/apiError';
import { JobProgressBar } from '../../components/jobs/JobProgressBar';
import { newGuestHash } from '../../routes';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { NewContainerWizard } from '../new-container/NewContainerWizard';
import { NewXenWizard } from '../new-xen/NewXenWizard';
import { HostPicker, isLxcUri, isXenUri, type HostWizardProps } from './HostPicker';
import { NameStep } from './NameStep';
import { NetworkStep } from './NetworkStep';
import { OsStep } from './OsStep';
import { ResourcesStep } from './ResourcesStep';
import { SourceStep } from './SourceStep';
import { StorageStep } from './StorageStep';
import { SummaryStep } from './SummaryStep';
import { toCloneOptions, wizardField } from './templateClone';
import {
  applyDefaults,
  ERROR_FIELD_OF,
  errorsOf,
  initialForm,
  stepOfField,
  stepsOf,
  toOptions,
  type Step,
  type WizardForm,
} from './wizardState';
import type { StepProps } from './stepProps';
import { keepApplianceSizes } from './appliance/applianceForm';
import { useDiscardStaged } from './appliance/useDiscardStaged';
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
  const [connectionId, setConnectionId] = useState(props.initialConnectionId);
  const uri = props.connections.find((c) => c.id === connectionId)?.uri ?? '';
  const wizardProps = {
    connections: props.connections,
    connectionId,
    onConnectionChange: setConnectionId,
    onClose: props.onClose,
  };
  // A container host gets its own wizard: no installer media, disks or pools there. So does a
  // Xen host: PV or HVM guests for libxl, whose XML is not QEMU's.
  if (isLxcUri(uri)) return <NewContainerWizard {...wizardProps} />;
  if (isXenUri(uri)) return <NewXenWizard {...wizardProps} />;
  return <MachineWizard {...wizardProps} />;
}

function MachineWizard(props: HostWizardProps) {
  const { t } = useTranslation('newVm');
  const client = useClient();
  const store = useStore();
  const { connectionId } = props;
  const [form, setForm] = useState<WizardForm>(initialForm);
  const [step, setStep] = useState<Step>('source');
  const steps = stepsOf(form);
  const fromTemplate = form.sourceKind === 'template';
  // The template's clone plan (its disks), read by its source page too: one read for both.
  const plan = useApiQuery(
    'vms.clonePlan',
    fromTemplate && form.templateUuid ? { connectionId, uuid: form.templateUuid } : undefined,
    { keepPrevious: false },
  ).data;
  // The chosen host's facts; none shown while another host's would stand for them.
  const hostFacts = useApiQuery('newVm.hostFacts', { connectionId }, { keepPrevious: false });
  const facts = hostFacts.data;
  // The OS list and an OS's defaults only help: unreadable, the list is empty and the form
  // keeps its values.
  const oses = useApiQuery('newVm.osList', { connectionId }).data ?? [];
  const osDefaults = useApiQuery('newVm.osDefaults', { connectionId, osId: form.osId }).data;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const latestForm = useRef(form);
  latestForm.current = form;
  useDiscardStaged(connectionId, form.appliance.stageId);
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ jobId: string; uuid: string }>();
  const job = useSlice(store.jobs, (jobs) => (created ? jobs.get(created.jobId) : undefined));

  // The chosen OS's (and host's) memory, vCPUs and disk size, as the form's starting values.
  useEffect(() => {
    // A template brings its own size (TemplateSource sets it from the template).
    if (osDefaults) {
      setForm((f) =>
        f.sourceKind === 'template' ? f : keepApplianceSizes(applyDefaults(f, osDefaults, facts)),
      );
    }
  }, [osDefaults, facts]);

  useEffect(() => {
    if (!created || job?.phase !== 'done') return;
    props.onClose();
    window.location.hash = newGuestHash(connectionId, created.uuid, !form.customize);
  }, [created, job?.phase, props, form.customize, connectionId]);

  /** The errors without those of `keys` on this page: a field changed is a field not yet checked. */
  const dropErrorsOf = (keys: (keyof WizardForm)[]) =>
    setErrors((e) => {
      const rest = { ...e };
      for (const key of keys) {
        delete rest[`${step}.${key}`];
        delete rest[`${step}.${ERROR_FIELD_OF[key] ?? key}`];
      }
      return rest;
    });

  const update = (patch: Partial<WizardForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    dropErrorsOf(Object.keys(patch) as (keyof WizardForm)[]);
  };

  /**
   * Applies the backend's field errors (a clone's named as the wizard's pages name them); returns
   * the first page at fault up to `upTo`.
   */
  const showErrors = (err: unknown, upTo: Step): Step | undefined => {
    const named = err instanceof ApiError && err.fields ? Object.entries(err.fields) : [];
    const fields = fromTemplate ? named.map(([k, v]) => [wizardField(k), v] as const) : named;
    if (fields.length === 0) {
      setGeneral(errorMessage(err));
      return upTo;
    }
    const limit = steps.indexOf(upTo);
    const relevant = fields.filter(([k]) => {
      const s = stepOfField(k);
      return s !== undefined && steps.includes(s) && steps.indexOf(s) <= limit;
    });
    setErrors(Object.fromEntries(relevant));
    const pages = relevant.map(([k]) => steps.indexOf(stepOfField(k) ?? 'summary'));
    return pages.length > 0 ? steps[Math.min(...pages)] : undefined;
  };

  /** A template's pages are checked by vms.clone at Create; here only that one is chosen. */
  const checkTemplatePage = () => {
    if (step === 'source' && !form.templateUuid) {
      setErrors({ 'source.templateUuid': t('template.required') });
      return false;
    }
    setErrors({});
    return true;
  };

  const next = async () => {
    setGeneral(undefined);
    if (fromTemplate) {
      if (checkTemplatePage()) setStep(steps[steps.indexOf(step) + 1] ?? step);
      return;
    }
    setBusy(true);
    const asked = form;
    try {
      await client.call('newVm.check', toOptions(connectionId, form));
      setErrors({});
      setStep(steps[steps.indexOf(step) + 1] ?? step);
    } catch (err) {
      const at = showErrors(err, step);
      // A field the user changed while the host was asked (another path typed) is not the one
      // refused: its error would be about a value no longer on screen.
      const now = latestForm.current;
      dropErrorsOf((Object.keys(now) as (keyof WizardForm)[]).filter((k) => now[k] !== asked[k]));
      if (at) setStep(at);
      else setStep(steps[steps.indexOf(step) + 1] ?? step);
    } finally {
      setBusy(false);
    }
  };

  /** The plan read for the source page; read now if it has not come (or failed) yet. */
  const readPlan = async () =>
    plan ?? client.call('vms.clonePlan', { connectionId, uuid: form.templateUuid });

  const create = async () => {
    setGeneral(undefined);
    setBusy(true);
    try {
      const started = fromTemplate
        ? await client.call('vms.clone', toCloneOptions(connectionId, form, await readPlan()))
        : await client.call('newVm.create', toOptions(connectionId, form));
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
  const index = steps.indexOf(step);
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
              {steps.map((s, i) => (
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
            {step === 'source' && <HostPicker {...props} />}
            {(general ?? hostFacts.error) && (
              <Alert isInline variant="danger" title={general ?? hostFacts.error} />
            )}
            {step === 'source' && <SourceStep {...stepProps} />}
            {step === 'os' && <OsStep {...stepProps} oses={oses} />}
            {step === 'resources' && <ResourcesStep {...stepProps} />}
            {step === 'storage' && <StorageStep {...stepProps} />}
            {step === 'network' && <NetworkStep {...stepProps} />}
            {step === 'name' && <NameStep {...stepProps} oses={oses} />}
            {step === 'summary' && <SummaryStep {...stepProps} oses={oses} plan={plan} />}
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
          onClick={() => setStep(steps[index - 1] ?? step)}
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
