import { Button, FormSelect, FormSelectOption, Tooltip, ToolbarItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { ConsoleTarget } from '../../../shared/api/types';
import { downloadText } from './download';
import type { RemoteViewerPlan } from './remoteViewer';
import type { SessionPhase } from './useConsoleSession';

/** The console picker, the connection status and the ways out (new window, remote-viewer). */
export function ConsoleControls(props: {
  targets: readonly ConsoleTarget[];
  target: ConsoleTarget | undefined;
  onPick(id: string): void;
  phase: SessionPhase;
  onNewWindow?: () => void;
  remoteViewer: RemoteViewerPlan | undefined;
  vmName: string;
}) {
  const { t } = useTranslation('console');
  const { targets, target, remoteViewer } = props;
  return (
    <>
      {targets.length > 0 && (
        <ToolbarItem>
          <FormSelect
            value={target?.id ?? ''}
            onChange={(_e, id) => props.onPick(id)}
            aria-label={t('picker')}
            className="vd-console-picker"
          >
            {targets.map((c) => (
              <FormSelectOption
                key={c.id}
                value={c.id}
                label={c.supported ? c.label : t('unsupported.option', { label: c.label })}
              />
            ))}
          </FormSelect>
        </ToolbarItem>
      )}
      <ToolbarItem alignSelf="center">
        <StatusText phase={props.phase} />
      </ToolbarItem>
      {props.onNewWindow && (
        <ToolbarItem>
          <Button variant="secondary" onClick={props.onNewWindow}>
            {t('newWindow')}
          </Button>
        </ToolbarItem>
      )}
      {remoteViewer && (
        <ToolbarItem>
          <RemoteViewerButton plan={remoteViewer} vmName={props.vmName} />
        </ToolbarItem>
      )}
    </>
  );
}

function StatusText({ phase }: { phase: SessionPhase }) {
  const { t } = useTranslation('console');
  let text = '';
  let detail = '';
  if (phase.kind === 'opening' || (phase.kind === 'open' && !phase.connected)) {
    text = t('status.connecting');
  } else if (phase.kind === 'open') {
    text = t('status.connected');
  } else if (phase.kind === 'retrying') {
    text = t('status.disconnected', { reason: phase.reason });
    detail = t('status.retrying', { seconds: Math.round(phase.inMs / 1000) });
  }
  return (
    <span role="status" className="vd-console-status">
      {text}
      {detail && <span className="vd-muted"> · {detail}</span>}
    </span>
  );
}

function RemoteViewerButton({ plan, vmName }: { plan: RemoteViewerPlan; vmName: string }) {
  const { t } = useTranslation('console');
  if (plan.ok) {
    return (
      <Tooltip content={t('remoteViewer.help')}>
        <Button
          variant="secondary"
          onClick={() => downloadText(plan.file, `${vmName}.vv`, 'application/x-virt-viewer')}
        >
          {t('remoteViewer.button')}
        </Button>
      </Tooltip>
    );
  }
  // aria-disabled keeps the button focusable, so its tooltip can say why.
  return (
    <Tooltip
      content={
        plan.why === 'remote'
          ? t('remoteViewer.why.remote', { command: plan.command })
          : t(`remoteViewer.why.${plan.why}`)
      }
    >
      <Button variant="secondary" isAriaDisabled>
        {t('remoteViewer.button')}
      </Button>
    </Tooltip>
  );
}
