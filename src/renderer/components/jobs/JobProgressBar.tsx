import { Alert, Button, Progress, ProgressMeasureLocation } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { JobProgress } from '../../../shared/api/types';
import { useClient, useSlice, useStore } from '../../state/context';
import { formatBytes } from '../../format';
import { apiErrorText, jobStepText, jobTitleText } from '../../api/apiError';
import { ErrorDetail } from '../ErrorDetail';
import { jobFigures } from './jobFigures';

/**
 * One long job as users expect it: a bar, speed and time left for transfers, the running step for
 * creates, a Cancel button while it runs and the error (with its step) when it failed.
 */
export function JobProgressBar({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const store = useStore();
  const client = useClient();
  const job = useSlice(store.jobs, (jobs) => jobs.get(jobId));
  if (!job) return null;
  const { percent, rate, secondsLeft } = jobFigures(job);
  const measure =
    job.unit === 'bytes'
      ? [
          `${formatBytes(job.done)}${job.total !== undefined ? ` / ${formatBytes(job.total)}` : ''}`,
          rate !== undefined ? t('jobs.rate', { rate: formatBytes(rate) }) : undefined,
          secondsLeft !== undefined && job.phase === 'running'
            ? t('jobs.left', { seconds: Math.ceil(secondsLeft) })
            : undefined,
        ]
          .filter(Boolean)
          .join(' · ')
      : [jobStepText(job), stepBytes(job)].filter(Boolean).join(' · ');
  return (
    <div className="vd-job" data-phase={job.phase}>
      <Progress
        title={jobTitleText(job)}
        value={percent ?? 0}
        label={measure}
        measureLocation={ProgressMeasureLocation.outside}
        variant={jobVariant(job)}
        aria-label={jobTitleText(job)}
      />
      {job.cancellable && (
        <Button variant="link" onClick={() => void client.call('jobs.cancel', { jobId })}>
          {t('cancel')}
        </Button>
      )}
      {job.phase === 'failed' && (
        <Alert
          isInline
          variant="danger"
          title={t('jobs.failed', { step: jobStepText(job) ?? jobTitleText(job) })}
        >
          {job.error && apiErrorText(job.error)}
          <ErrorDetail detail={job.error?.detail} />
        </Alert>
      )}
      {job.phase === 'cancelled' && <Alert isInline variant="info" title={t('jobs.cancelled')} />}
    </div>
  );
}

/** A step's own bytes ("120 MiB / 300 MiB"), while a steps job downloads or converts. */
function stepBytes(job: JobProgress): string | undefined {
  const p = job.phase === 'running' ? job.stepProgress : undefined;
  if (!p) return undefined;
  return `${formatBytes(p.done)}${p.total !== undefined ? ` / ${formatBytes(p.total)}` : ''}`;
}

function jobVariant(job: JobProgress) {
  if (job.phase === 'failed') return 'danger' as const;
  if (job.phase === 'done') return 'success' as const;
  return undefined;
}
