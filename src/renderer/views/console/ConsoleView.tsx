import './console.css';
import { Spinner, Toolbar, ToolbarContent } from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmState, VmSummary } from '../../../shared/api/types';
import { useApiQuery } from '../../state/queries';
import { navigate } from '../../useRoute';
import { consoleHash } from '../../routes';
import { ConsoleControls } from './ConsoleControls';
import { Failure, Notice, NotRunning } from './ConsoleStates';
import { keepOrDefault } from './reconnect';
import { SerialConsole } from './SerialConsole';
import { SpiceConsole } from './SpiceConsole';
import { useConsoleSession } from './useConsoleSession';
import { VncConsole } from './VncConsole';
import type { VncViewOptions } from './VncToolbar';

// States in which QEMU (and so its display and serial ports) is up.
const LIVE: readonly VmState[] = ['running', 'blocked', 'paused'];

/**
 * A VM's consoles: on the VM page's Console tab, or full page (#/console/...). Picks a console,
 * opens it with a fresh ticket whenever the guest (re)starts, and reconnects after drops.
 */
export function ConsoleView({
  vm,
  usable,
  standalone = false,
}: {
  vm: VmSummary;
  usable: boolean;
  standalone?: boolean;
}) {
  const { t } = useTranslation('console');
  const running = usable && LIVE.includes(vm.state);
  const [pickedId, setPickedId] = useState<string | undefined>(undefined);
  const [vncOptions, setVncOptions] = useState<VncViewOptions>({ scale: true, resize: false });

  // The consoles come from the live XML: read while the guest runs, and again at every start
  // (ports are assigned then; the list of the last run stays shown until the new one is read).
  const consoles = useApiQuery(
    'consoles.list',
    running ? { connectionId: vm.connectionId, uuid: vm.uuid } : undefined,
  );
  const { data: targets, error: listError, reload: reloadConsoles } = consoles;
  const wasRunning = useRef(running);
  useEffect(() => {
    if (running && !wasRunning.current) reloadConsoles();
    wasRunning.current = running;
  }, [running, reloadConsoles]);

  const target = targets ? keepOrDefault(targets, pickedId) : undefined;
  const openable = running && target?.supported ? target.id : undefined;
  const session = useConsoleSession(vm.connectionId, vm.uuid, openable, running);
  const { phase } = session;

  const openNewWindow = () => {
    const hash = consoleHash(vm.connectionId, vm.uuid);
    // Electron denies window.open (one window, by design): show the console full page instead.
    const opened = window.virtdeck
      ? null
      : window.open(`${window.location.pathname}${window.location.search}${hash}`, '_blank');
    if (!opened) navigate(hash);
  };

  const leading = (
    <ConsoleControls
      targets={running ? (targets ?? []) : []}
      target={target}
      onPick={setPickedId}
      phase={phase}
      onNewWindow={standalone ? undefined : openNewWindow}
      remoteViewer={running}
      vm={{ connectionId: vm.connectionId, uuid: vm.uuid, name: vm.name }}
    />
  );

  let body;
  if (!running) {
    body = <NotRunning vm={vm} usable={usable} />;
  } else if (listError) {
    body = <Failure title={t('listFailed')} message={listError} onRetry={reloadConsoles} />;
  } else if (!targets) {
    body = <Spinner aria-label={t('loading')} className="vd-console-spinner" />;
  } else if (!target) {
    body = <Notice title={t('noConsoles.title')} text={t('noConsoles.text')} />;
  } else if (!target.supported) {
    body = <Notice title={t('unsupported.title')} text={target.why} />;
  } else if (phase.kind === 'failed') {
    body = <Failure title={t('failed')} message={phase.message} onRetry={session.reconnect} />;
  } else if (phase.kind === 'open' && phase.ticket.kind === 'vnc') {
    return (
      <VncConsole
        key={phase.session}
        ticket={phase.ticket}
        vmName={vm.name}
        connectionId={vm.connectionId}
        uuid={vm.uuid}
        options={vncOptions}
        onOptions={setVncOptions}
        onConnected={session.connected}
        onDisconnected={session.disconnected}
        leading={leading}
      />
    );
  } else if (phase.kind === 'open' && phase.ticket.kind === 'spice') {
    return (
      <SpiceConsole
        key={phase.session}
        ticket={phase.ticket}
        onConnected={session.connected}
        onDisconnected={session.disconnected}
        leading={leading}
      />
    );
  } else if (phase.kind === 'open') {
    body = (
      <SerialConsole
        key={phase.session}
        ticket={phase.ticket}
        onConnected={session.connected}
        onDisconnected={session.disconnected}
      />
    );
  } else {
    // Opening a ticket, or waiting to retry: keep the area's size so the page does not jump.
    body = <div className="vd-console-screen vd-console-waiting" />;
  }

  return (
    <div className="vd-console-body">
      <Toolbar className="vd-console-toolbar">
        <ToolbarContent>{leading}</ToolbarContent>
      </Toolbar>
      {body}
    </div>
  );
}
