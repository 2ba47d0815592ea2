import {
  Alert,
  Button,
  CodeBlock,
  CodeBlockCode,
  Form,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorDetail } from '../../components/ErrorDetail';
import { useFormErrors } from '../../components/forms/formErrors';
import { consoleHash, vmHash } from '../../routes';
import { JobProgressBar } from '../../components/jobs/JobProgressBar';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { HostPicker, type HostWizardProps } from '../new-vm/HostPicker';
import { ContainerFields } from './ContainerFields';
import {
  IDMAP_FIELDS,
  INITIAL_FORM,
  toContainerOptions,
  withHostDefaults,
  type ContainerForm,
} from './containerForm';

const FIELDS = [
  'name',
  'rootfs',
  'init',
  'memoryMiB',
  'vcpus',
  'network.name',
  'network.mac',
  'idmap',
  ...IDMAP_FIELDS.map((field) => `idmap.${field}`),
  'build.suite',
  'build.mirror',
];

/**
 * The New VM wizard on an LXC connection: a container (an OS from a root file system on the host,
 * or one command), checked by the backend at Next with each problem on its field, then the XML
 * that Create defines (and starts); the container's console opens when it runs.
 */
export function NewContainerWizard(props: HostWizardProps) {
  const { t } = useTranslation('lxc');
  const client = useClient();
  const { connectionId } = props;
  const facts = useApiQuery('lxc.hostFacts', { connectionId }, { keepPrevious: false });
  const [form, setForm] = useState<ContainerForm>(INITIAL_FORM);
  const [xml, setXml] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const store = useStore();
  // The debootstrap job, once started: its bar (with Cancel) replaces the buttons until it ends.
  const [build, setBuild] = useState<{ jobId: string; name: string }>();
  const job = useSlice(store.jobs, (jobs) => (build ? jobs.get(build.jobId) : undefined));
  const made = useSlice(store.vms, (vms) =>
    build
      ? [...vms.values()].find((vm) => vm.connectionId === connectionId && vm.name === build.name)
      : undefined,
  );
  const building = build !== undefined && (job === undefined || job.phase === 'running');

  // The container is there once the job is done and the list has it: open its page or console.
  useEffect(() => {
    if (job?.phase !== 'done' || !made) return;
    props.onClose();
    window.location.hash = form.start
      ? consoleHash(connectionId, made.uuid)
      : vmHash(connectionId, made.uuid);
  }, [job?.phase, made, props, form.start, connectionId]);

  useEffect(() => {
    if (facts.data) setForm((f) => withHostDefaults(f, facts.data!));
  }, [facts.data]);

  const update = (patch: Partial<ContainerForm>, field: string) => {
    setForm((f) => ({ ...f, ...patch }));
    errors.clear(field);
  };

  const run = async (action: () => Promise<void>) => {
    errors.clear();
    setBusy(true);
    try {
      await action();
    } catch (err) {
      errors.fail(err);
      setXml(undefined);
    } finally {
      setBusy(false);
    }
  };

  const next = () =>
    run(async () => {
      const preview = await client.call('lxc.previewXml', toContainerOptions(connectionId, form));
      setXml(preview.xml);
    });

  const create = () =>
    run(async () => {
      const options = toContainerOptions(connectionId, form);
      if (options.build) {
        setBuild(await client.call('lxc.build', options));
        return;
      }
      const made = await client.call('lxc.create', options);
      props.onClose();
      window.location.hash = form.start
        ? consoleHash(connectionId, made.uuid)
        : vmHash(connectionId, made.uuid);
    });

  return (
    <Modal
      isOpen
      variant="large"
      onEscapePress={busy || building ? undefined : props.onClose}
      aria-labelledby="vd-new-container-title"
      className="vd-new-vm"
    >
      <ModalHeader
        title={t('title')}
        labelId="vd-new-container-title"
        description={xml ? t('summary') : undefined}
      />
      <ModalBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          {(errors.general ?? facts.error) && (
            <Alert isInline variant="danger" title={errors.general ?? facts.error}>
              {errors.general && <ErrorDetail detail={errors.detail} />}
            </Alert>
          )}
          {xml === undefined ? (
            <>
              <HostPicker {...props} />
              <ContainerFields form={form} update={update} facts={facts.data} errors={errors} />
            </>
          ) : (
            <>
              <CodeBlock aria-label={t('xml')}>
                <CodeBlockCode>{xml}</CodeBlockCode>
              </CodeBlock>
              {build && <JobProgressBar jobId={build.jobId} />}
            </>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        {xml === undefined ? (
          <Button onClick={() => void next()} isLoading={busy} isDisabled={busy}>
            {t('next')}
          </Button>
        ) : (
          <Button
            onClick={() => void create()}
            isLoading={busy || building}
            isDisabled={busy || building || job?.phase === 'done'}
          >
            {t('create')}
          </Button>
        )}
        <Button
          variant="secondary"
          onClick={() => {
            setXml(undefined);
            setBuild(undefined);
          }}
          isDisabled={xml === undefined || busy || building}
        >
          {t('back')}
        </Button>
        <Button variant="link" onClick={props.onClose} isDisabled={busy || building}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
