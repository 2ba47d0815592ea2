import { Button, FormSelect, FormSelectOption, ToolbarItem } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleTarget } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';
import { downloadText } from './download';
import type { SessionPhase } from './useConsoleSession';

/** The VM a console belongs to. */
interface VmRef {
  connectionId: string;
  uuid: string;
  name: string;
}

/** The console picker, the connection status and the ways out (new window, remote-viewer). */
export function ConsoleControls(props: {
  targets: readonly ConsoleTarget[];
  target: ConsoleTarget | undefined;
  onPick(id: string): void;
  phase: SessionPhase;
  onNewWindow?: () => void;
  /** Offered for a running VM's display (VNC or SPICE). */
  remoteViewer: boolean;
  vm: VmRef;
}) {
  const { t } = useTranslation('console');
  const { targets, target } = props;
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
      {props.remoteViewer && target && target.kind !== 'serial' && target.supported && (
        <ToolbarItem alignSelf="center">
          <RemoteViewerButton target={target} vm={props.vm} />
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

/**
 * Opens the display in remote-viewer through a loopback forward the backend makes over its own
 * connection (any host, local or over SSH). Electron starts remote-viewer here; a browser gets
 * the .vv file as a download.
 */
function RemoteViewerButton({ target, vm }: { target: ConsoleTarget; vm: VmRef }) {
  const { t } = useTranslation('console');
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; failed: boolean }>();
  const open = async () => {
    setBusy(true);
    setSaid(undefined);
    try {
      const result = await client.call('consoleTools.remoteViewer', {
        ...vm,
        targetId: target.id,
        launch: Boolean(window.virtdeck),
      });
      if (result.file) {
        downloadText(result.file, `${vm.name}.vv`, 'application/x-virt-viewer');
        setSaid({ text: t('consoleTools:remoteViewer.downloaded'), failed: false });
      } else {
        setSaid({ text: t('consoleTools:remoteViewer.launched'), failed: false });
      }
    } catch (err) {
      setSaid({ text: errorMessage(err), failed: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="secondary" isDisabled={busy} onClick={() => void open()}>
        {t('remoteViewer.button')}
      </Button>
      {said && (
        <span role="status" className={said.failed ? 'vd-console-failed' : 'vd-muted'}>
          {' '}
          {said.text}
        </span>
      )}
    </>
  );
}
