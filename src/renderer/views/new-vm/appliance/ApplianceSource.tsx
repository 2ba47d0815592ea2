/**
 * The appliance source (OVA / OVF with its disks / Vagrant box) on the Source page: the file from
 * this computer (sent to the read job's transfer URL; an .ovf and its disks as one tar) or a file
 * on the host, the pool the disks are staged into, the read's progress, then what it found. The
 * read fills the name, memory, vCPUs and OS of the next pages. The wizard discards a read that
 * is left behind (useDiscardStaged).
 */
import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  FormGroup,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplianceInfo } from '../../../../shared/api/newVmTypes';
import { apiErrorText, errorMessage } from '../../../api/apiError';
import { FieldError } from '../../../components/forms/formErrors';
import { SelectField } from '../../../components/forms/SelectField';
import { JobProgressBar } from '../../../components/jobs/JobProgressBar';
import { formatBytes } from '../../../format';
import { useClient, useSlice, useStore } from '../../../state/context';
import { putFile } from '../../storage/transfers';
import { HostFileBrowser } from '../HostFileBrowser';
import type { StepProps } from '../stepProps';
import { defaultPool, fillFromAppliance, type ApplianceForm } from './applianceForm';
import { applianceUpload } from './tarBlob';

export function ApplianceSource(props: StepProps) {
  const { t } = useTranslation('newVmAppliance');
  const client = useClient();
  const store = useStore();
  const { form, update, facts, errors, connectionId } = props;
  const appliance = form.appliance;
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string>();
  const [browsing, setBrowsing] = useState(false);
  const job = useSlice(store.jobs, (jobs) =>
    appliance.jobId ? jobs.get(appliance.jobId) : undefined,
  );
  const pools = facts?.pools ?? [];
  const pool = appliance.pool || defaultPool(pools);
  const setAppliance = (patch: Partial<ApplianceForm>) =>
    update({ appliance: { ...appliance, ...patch } });

  // Once the read is done, what it found fills the form (once per read).
  const filled = useRef<string | undefined>(undefined);
  const latest = useRef({ appliance, update });
  latest.current = { appliance, update };
  const done = job?.phase === 'done' ? appliance.stageId : undefined;
  useEffect(() => {
    if (!done || filled.current === done) return;
    filled.current = done;
    client
      .call('newVm.appliance.info', { connectionId, stageId: done })
      .then((info) => {
        const { appliance: now, update: apply } = latest.current;
        if (now.stageId !== done) return;
        apply({ appliance: { ...now, info }, ...fillFromAppliance(info) });
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [done, client, connectionId]);

  const read = async () => {
    setError(undefined);
    const upload = appliance.origin === 'upload' ? applianceUpload(files) : undefined;
    if (appliance.origin === 'upload' && !upload) {
      setError(t(files.length === 0 ? 'chooseFile' : 'needsOvf'));
      return;
    }
    try {
      const opened = await client.call('newVm.appliance.open', {
        connectionId,
        pool,
        origin: upload
          ? { from: 'upload', name: upload.name, size: upload.blob.size }
          : { from: 'host', path: appliance.hostPath },
      });
      setAppliance({ pool, stageId: opened.stageId, jobId: opened.jobId, info: undefined });
      if (opened.url && upload) {
        await putFile(opened.url, upload.blob).catch(() => {
          /* the job reports how it ended */
        });
      }
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const failure = job?.phase === 'failed' ? job.error && apiErrorText(job.error) : undefined;
  const reading = job?.phase === 'running';
  return (
    <section className="vd-appliance" aria-label={t('region')}>
      <FormGroup role="radiogroup" isInline label={t('origin')} fieldId="vd-appliance-origin">
        {(['upload', 'host'] as const).map((origin) => (
          <Radio
            key={origin}
            id={`vd-appliance-origin-${origin}`}
            name="vd-appliance-origin"
            label={t(`from.${origin}`)}
            isChecked={appliance.origin === origin}
            onChange={() => setAppliance({ origin })}
          />
        ))}
      </FormGroup>
      {appliance.origin === 'upload' ? (
        <FormGroup label={t('files')} fieldId="vd-appliance-files">
          <input
            id="vd-appliance-files"
            type="file"
            multiple
            accept=".ova,.ovf,.box,.mf,.vmdk,.vdi,.vhd,.img,.qcow2,.nvram,.cert"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
          <p className="vd-hint">{t('filesHint')}</p>
        </FormGroup>
      ) : (
        <FormGroup label={t('hostPath')} fieldId="vd-appliance-path">
          <TextInput
            id="vd-appliance-path"
            value={appliance.hostPath}
            onChange={(_e, v) => setAppliance({ hostPath: v })}
          />
          <Button variant="secondary" onClick={() => setBrowsing((b) => !b)}>
            {t('browse')}
          </Button>
          {browsing && (
            <HostFileBrowser
              connectionId={connectionId}
              onPick={(path) => {
                setBrowsing(false);
                setAppliance({ hostPath: path });
              }}
            />
          )}
        </FormGroup>
      )}
      <SelectField
        id="vd-appliance-pool"
        label={t('pool')}
        value={pool}
        options={pools.filter((p) => p.active).map((p) => p.name)}
        onChange={(name) => setAppliance({ pool: name })}
        error={errors.pool}
        help={t('poolHint')}
      />
      <Button variant="primary" isDisabled={reading} onClick={() => void read()}>
        {t('read')}
      </Button>
      <FieldError message={errors.appliance ?? failure} />
      {error && <Alert isInline variant="danger" title={error} />}
      {appliance.jobId && <JobProgressBar jobId={appliance.jobId} />}
      {appliance.info && <Found info={appliance.info} />}
    </section>
  );
}

/** What the read found: the VM's hardware as the appliance describes it. */
function Found({ info }: { info: ApplianceInfo }) {
  const { t } = useTranslation('newVmAppliance');
  return (
    <DescriptionList isHorizontal aria-label={t('found')} className="vd-appliance-found">
      <DescriptionListGroup>
        <DescriptionListTerm>{t('name')}</DescriptionListTerm>
        <DescriptionListDescription>
          {info.name} ({t(`format.${info.format}`)})
        </DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>{t('firmware')}</DescriptionListTerm>
        <DescriptionListDescription>
          {t(`firmwareOf.${info.firmware ?? 'bios'}`)}
        </DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>{t('disks')}</DescriptionListTerm>
        <DescriptionListDescription>
          <ul>
            {info.disks.map((disk) => (
              <li key={disk.path}>
                {t('disk', {
                  file: disk.file,
                  format: disk.format.toUpperCase(),
                  size: formatBytes(disk.capacityBytes),
                  bus: (disk.bus ?? t('defaultBus')).toUpperCase(),
                })}
              </li>
            ))}
          </ul>
        </DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>{t('nics')}</DescriptionListTerm>
        <DescriptionListDescription>
          {info.nics.length === 0
            ? t('noNics')
            : info.nics.map((nic) => nic.model ?? t('defaultModel')).join(', ')}
        </DescriptionListDescription>
      </DescriptionListGroup>
    </DescriptionList>
  );
}
