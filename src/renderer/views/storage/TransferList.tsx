import { Button } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { JobProgressBar } from '../../components/jobs/JobProgressBar';
import { useSlice, useStore } from '../../state/context';

/** The uploads and downloads started from this tab: one job bar each, dismissed once ended. */
export function TransferList(props: { jobIds: string[]; onDismiss(jobId: string): void }) {
  const { t } = useTranslation('storage');
  const store = useStore();
  const jobs = useSlice(store.jobs);
  if (props.jobIds.length === 0) return null;
  return (
    <section className="vd-transfers" aria-label={t('transfers.label')}>
      {props.jobIds.map((jobId) => (
        <div key={jobId} className="vd-transfer">
          <JobProgressBar jobId={jobId} />
          {jobs.get(jobId)?.phase !== 'running' && (
            <Button variant="link" size="sm" onClick={() => props.onDismiss(jobId)}>
              {t('transfers.dismiss')}
            </Button>
          )}
        </div>
      ))}
    </section>
  );
}
