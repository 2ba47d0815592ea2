import {
  Alert,
  Button,
  FileUpload,
  FormGroup,
  FormSelect,
  FormSelectOption,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiError';
import { JobProgressBar } from '../../components/jobs/JobProgressBar';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { putFile } from '../storage/transfers';
import type { StepProps } from './stepProps';

const DEFAULT_POOL_PATH = '/var/lib/libvirt/images';

/**
 * "Upload an ISO from this computer" (or a cloud image: `formatOf`, `title`) into a pool of the
 * host, through the storage upload path: the file goes to the gateway URL, the job shows
 * progress, speed, time left and Cancel (a cancelled upload leaves no volume). The `default` pool
 * is offered for creation when missing. The Source page's ISO and cloud image sources use it.
 */
export function UploadIntoPool(
  props: StepProps & {
    onUploaded: (path: string) => void;
    /** The volume format the file is stored as (a cloud image: qcow2 or raw); ISO by default. */
    formatOf?: (file: File) => Promise<'iso' | 'qcow2' | 'raw'>;
    title?: string;
  },
) {
  const { t } = useTranslation('newVm');
  const client = useClient();
  const store = useStore();
  const { facts, connectionId } = props;
  const [chosenPool, setPool] = useState<string>();
  const [file, setFile] = useState<File>();
  const [jobId, setJobId] = useState<string>();
  const [error, setError] = useState<string>();
  const [poolCreated, setPoolCreated] = useState(false);
  const job = useSlice(store.jobs, (jobs) => (jobId ? jobs.get(jobId) : undefined));
  const pools = facts?.pools ?? [];
  const hasDefault = poolCreated || pools.some((p) => p.name === 'default');
  const poolNames = [
    ...new Set([
      ...(poolCreated ? ['default'] : []),
      ...pools.filter((p) => p.active).map((p) => p.name),
    ]),
  ].sort((a, b) => Number(b === 'default') - Number(a === 'default'));
  // What the select shows is what the upload uses: the user's choice, else the first pool offered
  // (`default` when the host has it), so a host whose only pool is not `default` just works.
  const pool = chosenPool && poolNames.includes(chosenPool) ? chosenPool : (poolNames[0] ?? '');
  const onUploaded = useRef(props.onUploaded);
  onUploaded.current = props.onUploaded;
  const handled = useRef<string | undefined>(undefined);

  // Once the upload is done, the pool's volumes say the new volume's path.
  const uploaded = job?.phase === 'done' && file !== undefined;
  const volumes = useApiQuery(
    'storage.volumes.list',
    uploaded ? { connectionId, pool } : undefined,
  );
  const reloadVolumes = volumes.reload;
  // A list another view keeps may predate the upload (a new volume sends no event): read again.
  useEffect(() => {
    if (uploaded) reloadVolumes();
  }, [uploaded, reloadVolumes]);
  const path = volumes.data?.find((v) => v.name === file?.name)?.path;
  useEffect(() => {
    if (!path || !jobId || handled.current === jobId) return;
    handled.current = jobId;
    onUploaded.current(path);
  }, [path, jobId]);

  const createDefault = async () => {
    try {
      await client.call('storage.pools.create', {
        connectionId,
        form: {
          name: 'default',
          type: 'dir',
          path: DEFAULT_POOL_PATH,
          build: true,
          autostart: true,
        },
      });
      setPoolCreated(true);
      setPool('default');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const upload = async () => {
    if (!file) return;
    setError(undefined);
    try {
      const format = props.formatOf ? await props.formatOf(file) : 'iso';
      const ticket = await client.call('storage.volumes.upload', {
        connectionId,
        pool,
        name: file.name,
        format,
        size: file.size,
      });
      setJobId(ticket.jobId);
      await putFile(ticket.url, file).catch(() => {
        /* the job reports how it ended */
      });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="vd-upload-iso" aria-label={t('upload.region')}>
      <h3>{props.title ?? t('upload.title')}</h3>
      {!hasDefault && (
        <Alert isInline variant="info" title={t('upload.noDefault', { path: DEFAULT_POOL_PATH })}>
          <Button variant="secondary" onClick={() => void createDefault()}>
            {t('upload.createDefault')}
          </Button>
        </Alert>
      )}
      <FormGroup label={t('upload.pool')} fieldId="vd-upload-pool">
        <FormSelect id="vd-upload-pool" value={pool} onChange={(_e, v) => setPool(v)}>
          {poolNames.map((name) => (
            <FormSelectOption key={name} value={name} label={name} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label={t('upload.file')} fieldId="vd-upload-file">
        <FileUpload
          id="vd-upload-file"
          filename={file?.name ?? ''}
          browseButtonText={t('upload.choose')}
          hideDefaultPreview
          onFileInputChange={(_e, f) => setFile(f)}
          onClearClick={() => setFile(undefined)}
        />
      </FormGroup>
      <Button
        variant="secondary"
        isDisabled={!file || !pool || job?.phase === 'running'}
        onClick={() => void upload()}
      >
        {t('upload.start')}
      </Button>
      {(error ?? volumes.error) && (
        <Alert isInline variant="danger" title={error ?? volumes.error} />
      )}
      {jobId && <JobProgressBar jobId={jobId} />}
    </section>
  );
}
