import { Alert, Button, ToolbarItem } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { JobProgressBar } from '../../components/jobs/JobProgressBar';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';

/**
 * "Begin installation" on the page of a VM the wizard defined with "Customize" (as
 * virt-manager): the mark lives in the VM's metadata, so any session shows it. Runs the install
 * as a job (its progress below the button); the button goes once the install has begun.
 */
export function BeginInstallButton({ vm, usable }: { vm: VmSummary; usable: boolean }) {
  const { t } = useTranslation('newVm');
  const client = useClient();
  const store = useStore();
  const { connectionId, uuid } = vm;
  const awaiting = useApiQuery(
    'newVm.awaitingInstall',
    usable ? { connectionId, uuid } : undefined,
  );
  const [jobId, setJobId] = useState<string>();
  const [error, setError] = useState<string>();
  const job = useSlice(store.jobs, (jobs) => (jobId ? jobs.get(jobId) : undefined));
  const phase = job?.phase;
  const reload = awaiting.reload;
  // A start, a stop or the job's end may change the mark: ask again.
  useEffect(() => {
    reload();
  }, [vm.state, phase, reload]);

  if (!awaiting.data?.awaiting && !jobId) return null;
  const begin = () => {
    setError(undefined);
    client
      .call('newVm.beginInstall', { connectionId, uuid })
      .then((started) => setJobId(started.jobId))
      .catch((err: unknown) => setError(errorMessage(err)));
  };
  return (
    <ToolbarItem>
      {awaiting.data?.awaiting && (
        <Button
          variant="primary"
          size="sm"
          isDisabled={vm.state !== 'shutoff' || phase === 'running'}
          onClick={begin}
        >
          {t('beginInstall.button')}
        </Button>
      )}
      {error && (
        <Alert isInline variant="danger" title={t('beginInstall.failed')}>
          {error}
        </Alert>
      )}
      {jobId && phase !== 'done' && <JobProgressBar jobId={jobId} />}
    </ToolbarItem>
  );
}
