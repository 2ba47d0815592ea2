import { useEffect, useState } from 'react';
import { useFormErrors } from '../../components/forms/formErrors';
import { useSubmit } from '../../components/forms/useSubmit';
import { newGuestHash } from '../../routes';
import { JobProgressBar } from '../../components/jobs/JobProgressBar';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import type { HostWizardProps } from '../new-vm/HostPicker';
import { PreviewWizard } from '../new-vm/PreviewWizard';
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
  const client = useClient();
  const { connectionId } = props;
  const facts = useApiQuery('lxc.hostFacts', { connectionId }, { keepPrevious: false });
  const [form, setForm] = useState<ContainerForm>(INITIAL_FORM);
  const [xml, setXml] = useState<string>();
  const errors = useFormErrors(FIELDS);
  const { busy, run } = useSubmit((err) => {
    errors.fail(err);
    setXml(undefined);
  });
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
    window.location.hash = newGuestHash(connectionId, made.uuid, form.start);
  }, [job?.phase, made, props, form.start, connectionId]);

  useEffect(() => {
    if (facts.data) setForm((f) => withHostDefaults(f, facts.data!));
  }, [facts.data]);

  const update = (patch: Partial<ContainerForm>, field: string) => {
    setForm((f) => ({ ...f, ...patch }));
    errors.clear(field);
  };

  const next = () =>
    run(async () => {
      errors.clear();
      const preview = await client.call('lxc.previewXml', toContainerOptions(connectionId, form));
      setXml(preview.xml);
    });

  const create = () =>
    run(async () => {
      errors.clear();
      const options = toContainerOptions(connectionId, form);
      if (options.build) {
        setBuild(await client.call('lxc.build', options));
        return;
      }
      const made = await client.call('lxc.create', options);
      props.onClose();
      window.location.hash = newGuestHash(connectionId, made.uuid, form.start);
    });

  return (
    <PreviewWizard
      {...props}
      id="vd-new-container"
      ns="lxc"
      errors={errors}
      factsError={facts.error}
      fields={<ContainerFields form={form} update={update} facts={facts.data} errors={errors} />}
      xml={xml}
      underXml={build && <JobProgressBar jobId={build.jobId} />}
      busy={busy || building}
      created={job?.phase === 'done'}
      onNext={() => void next()}
      onCreate={() => void create()}
      onBack={() => {
        setXml(undefined);
        setBuild(undefined);
      }}
    />
  );
}
