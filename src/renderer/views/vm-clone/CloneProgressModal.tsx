import { Alert, Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { CreateVmStarted } from '../../../shared/api/newVmTypes';
import { JobProgressBar } from '../../components/jobs/JobProgressBar';
import { vmHash } from '../../routes';
import { useSlice, useStore } from '../../state/context';
import { navigate } from '../../useRoute';

/**
 * The clone's job: its steps in the progress bar with Cancel (which removes what the job made),
 * then a link to the clone. It stays open while the job runs, as the New VM wizard does, so the
 * job is never left without its bar and its Cancel.
 */
export function CloneProgressModal({
  connectionId,
  source,
  started,
  onClose,
}: {
  connectionId: string;
  source: string;
  started: CreateVmStarted;
  onClose(): void;
}) {
  const { t } = useTranslation('vmClone');
  const store = useStore();
  const job = useSlice(store.jobs, (jobs) => jobs.get(started.jobId));
  // The clone as the list has it once defined (its UUID from the host, whatever was announced).
  const clone = useSlice(store.vms, (vms) =>
    [...vms.values()].find((v) => v.connectionId === connectionId && v.name === started.name),
  );
  // While the job can be cancelled its Cancel is the way out: closing would hide the job, which
  // no other view shows. Otherwise (not yet heard of, not cancellable, ended) Close is open, so
  // the dialog always has a button to focus.
  const running = job?.phase === 'running' && job.cancellable;
  const done = job?.phase === 'done';
  const open = () => {
    onClose();
    navigate(vmHash(connectionId, clone?.uuid ?? started.uuid));
  };
  return (
    <Modal
      isOpen
      variant="medium"
      onEscapePress={running ? undefined : onClose}
      aria-labelledby="vd-vm-clone-progress-title"
    >
      <ModalHeader
        title={t('progress.title', { name: source })}
        labelId="vd-vm-clone-progress-title"
      />
      <ModalBody>
        <JobProgressBar jobId={started.jobId} />
        {done && (
          <Alert variant="success" isInline title={t('progress.done', { name: started.name })}>
            <Button variant="link" isInline onClick={open}>
              {t('progress.open', { name: started.name })}
            </Button>
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant={done ? 'secondary' : 'primary'} onClick={onClose} isDisabled={running}>
          {t('progress.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
