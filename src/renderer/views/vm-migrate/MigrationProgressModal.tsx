import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Progress,
  ProgressMeasureLocation,
  Spinner,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobProgress, VmSummary } from '../../../shared/api/types';
import { apiErrorText, errorMessage, jobStepText, jobTitleText } from '../../api/apiError';
import { ErrorDetail } from '../../components/ErrorDetail';
import { formatBytes } from '../../format';
import { vmHash } from '../../routes';
import { useClient, useSlice, useStore } from '../../state/context';
import { useConnectionName } from './connectionName';
import { migrationFigures } from './migrationFigures';

const ID = 'vd-vm-migrate-progress';

/**
 * A migration under way, from its job's events: the bytes moved of the total, speed, what is
 * left, and for a live migration the guest's dirty rate and memory pass; Cancel while it runs.
 * At the end: where the VM is now, with a link to its page there, or what went wrong. Closing
 * leaves the job running.
 */
export function MigrationProgressModal({
  vm,
  jobId,
  targetConnectionId,
  onClose,
}: {
  vm: VmSummary;
  jobId: string;
  targetConnectionId: string;
  onClose(): void;
}) {
  const { t } = useTranslation('vmMigrate');
  const client = useClient();
  const store = useStore();
  const connectionName = useConnectionName();
  const job = useSlice(store.jobs, (jobs) => jobs.get(jobId));
  const connections = useSlice(store.connections);
  const names = {
    source: connectionName(connections.find((c) => c.id === vm.connectionId)),
    target: connectionName(connections.find((c) => c.id === targetConnectionId)),
  };
  const [cancelError, setCancelError] = useState<string>();
  const cancel = () =>
    client.call('jobs.cancel', { jobId }).then(
      () => setCancelError(undefined),
      (err: unknown) => setCancelError(errorMessage(err)),
    );

  const titleId = `${ID}-title`;
  const running = !job || job.phase === 'running';
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby={titleId}>
      <ModalHeader
        title={t('progress.title', { name: vm.name, host: names.target })}
        labelId={titleId}
      />
      <ModalBody>
        {!job ? (
          <Spinner size="lg" aria-label={t('progress.starting')} />
        ) : (
          <MigrationStats job={job} />
        )}
        {job?.phase === 'done' && (
          <Alert
            variant="success"
            isInline
            title={t('progress.done', { host: names.target })}
            actionLinks={
              <Button
                variant="link"
                isInline
                component="a"
                href={vmHash(targetConnectionId, vm.uuid)}
                onClick={onClose}
              >
                {t('progress.open', { name: vm.name, host: names.target })}
              </Button>
            }
          />
        )}
        {job?.phase === 'failed' && (
          <Alert
            variant="danger"
            isInline
            title={t('progress.failed', { step: jobStepText(job) ?? jobTitleText(job) })}
          >
            {job.error && apiErrorText(job.error)}
            <ErrorDetail detail={job.error?.detail} />
          </Alert>
        )}
        {job?.phase === 'cancelled' && (
          <Alert variant="info" isInline title={t('progress.cancelled', { host: names.source })} />
        )}
        {cancelError && (
          <Alert variant="danger" isInline title={t('progress.cancelFailed')}>
            {cancelError}
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        {running && (job?.cancellable ?? false) && (
          <Button variant="secondary" isDanger onClick={() => void cancel()}>
            {t('progress.cancel')}
          </Button>
        )}
        <Button variant={running ? 'link' : 'primary'} onClick={onClose}>
          {t('common:close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function MigrationStats({ job }: { job: JobProgress }) {
  const { t } = useTranslation('vmMigrate');
  const figures = migrationFigures(job);
  const rows: [string, string][] = [];
  if (figures.totalBytes !== undefined)
    rows.push([t('progress.total'), formatBytes(figures.totalBytes)]);
  if (figures.bytesPerSecond !== undefined)
    rows.push([
      t('progress.speed'),
      t('progress.rate', { rate: formatBytes(figures.bytesPerSecond) }),
    ]);
  // What is left, the dirty rate and the step say how it goes: once it has ended, the alert does.
  if (job.phase === 'running') {
    if (figures.remainingBytes !== undefined) {
      const bytes = formatBytes(figures.remainingBytes);
      rows.push([
        t('progress.remaining'),
        figures.secondsLeft !== undefined
          ? t('progress.remainingTime', { bytes, seconds: Math.ceil(figures.secondsLeft) })
          : bytes,
      ]);
    }
    if (figures.dirtyBytesPerSecond !== undefined)
      rows.push([
        t('progress.dirtyRate'),
        t('progress.rate', { rate: formatBytes(figures.dirtyBytesPerSecond) }),
      ]);
  }
  if (figures.iteration !== undefined)
    rows.push([t('progress.iteration'), String(figures.iteration)]);
  const step = jobStepText(job);
  if (step && job.phase === 'running') rows.push([t('progress.step'), step]);
  const measure =
    figures.doneBytes === undefined
      ? undefined
      : figures.workBytes !== undefined
        ? t('progress.of', {
            done: formatBytes(figures.doneBytes),
            total: formatBytes(figures.workBytes),
          })
        : formatBytes(figures.doneBytes);
  return (
    <>
      <Progress
        id={`${ID}-bar`}
        title={t('progress.bar')}
        aria-label={t('progress.bar')}
        value={job.phase === 'done' ? 100 : (figures.percent ?? 0)}
        label={measure}
        measureLocation={ProgressMeasureLocation.outside}
        variant={job.phase === 'failed' ? 'danger' : job.phase === 'done' ? 'success' : undefined}
      />
      {rows.length > 0 && (
        <DescriptionList isHorizontal isCompact className="vd-migrate-figures">
          {rows.map(([term, value]) => (
            <DescriptionListGroup key={term}>
              <DescriptionListTerm>{term}</DescriptionListTerm>
              <DescriptionListDescription>{value}</DescriptionListDescription>
            </DescriptionListGroup>
          ))}
        </DescriptionList>
      )}
    </>
  );
}
