/**
 * The VM page's tabs from this folder, each reading the VM's details itself while it is shown
 * (so a hidden tab costs nothing): hardware (Details), XML, and the Overview's editable part.
 */
import { Alert, Spinner } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailsTab } from './DetailsTab';
import { OverviewDetails } from './OverviewDetails';
import { useVmDetails, type DetailsState } from './useVmDetails';
import { XmlTab } from './XmlTab';

interface PanelProps {
  connectionId: string;
  uuid: string;
}

function Loaded({ state, children }: { state: DetailsState; children: ReactNode }) {
  const { t } = useTranslation('vmDetails');
  if (state.loadError) {
    return (
      <Alert variant="danger" isInline title={t('loadFailed')}>
        {state.loadError}
      </Alert>
    );
  }
  if (!state.details) return <Spinner size="lg" aria-label={t('loading')} />;
  return <>{children}</>;
}

export function HardwarePanel(props: PanelProps) {
  const state = useVmDetails(props.connectionId, props.uuid);
  return (
    <Loaded state={state}>
      <DetailsTab state={state} {...props} />
    </Loaded>
  );
}

export function XmlPanel(props: PanelProps) {
  const state = useVmDetails(props.connectionId, props.uuid);
  return (
    <Loaded state={state}>
      <XmlTab state={state} {...props} />
    </Loaded>
  );
}

export function OverviewPanel(props: PanelProps) {
  const state = useVmDetails(props.connectionId, props.uuid);
  return (
    <Loaded state={state}>
      <OverviewDetails state={state} {...props} />
    </Loaded>
  );
}
