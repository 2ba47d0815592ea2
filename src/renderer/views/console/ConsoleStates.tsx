import {
  Alert,
  AlertActionLink,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateFooter,
} from '@patternfly/react-core';
import PlayIcon from '@patternfly/react-icons/dist/esm/icons/play-icon';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { refusedAsTemplate } from '../../../shared/vmActions';
import { useRunAction } from '../../components/lifecycle/useLifecycle';
import { inflightKey } from '../../components/lifecycle/lifecyclePlan';
import { useSlice, useStore } from '../../state/context';

/** "Guest is not running", with the one action that changes that. */
export function NotRunning({ vm, usable }: { vm: VmSummary; usable: boolean }) {
  const { t } = useTranslation('console');
  const store = useStore();
  const run = useRunAction();
  // A VM with a managed save image starts by restoring it; the backend refuses a plain run.
  const action = vm.hasManagedSave ? 'restore' : 'run';
  const busy = useSlice(store.inflight, (set) => set.has(inflightKey(vm, action)));
  // A template is not run: the reason replaces the button's promise.
  const template = refusedAsTemplate(action, vm);
  return (
    <EmptyState titleText={t('notRunning.title')} headingLevel="h2" className="vd-console-empty">
      <EmptyStateBody>{template ? t('templates:notRun') : t('notRunning.text')}</EmptyStateBody>
      <EmptyStateFooter>
        <Button
          icon={<PlayIcon />}
          isDisabled={!usable || busy || template}
          isLoading={busy}
          onClick={() => run(action, [vm])}
        >
          {t('notRunning.run')}
        </Button>
      </EmptyStateFooter>
    </EmptyState>
  );
}

export function Notice({ title, text }: { title: string; text?: string }) {
  return (
    <EmptyState titleText={title} headingLevel="h2" className="vd-console-empty">
      {text && <EmptyStateBody>{text}</EmptyStateBody>}
    </EmptyState>
  );
}

/** A failed consoles.list / consoles.open: the backend's words, and a way to try again. */
export function Failure({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string;
  onRetry(): void;
}) {
  const { t } = useTranslation('console');
  return (
    <Alert
      variant="danger"
      isInline
      title={title}
      className="vd-console-failure"
      actionLinks={<AlertActionLink onClick={onRetry}>{t('reconnect')}</AlertActionLink>}
    >
      {message}
    </Alert>
  );
}
