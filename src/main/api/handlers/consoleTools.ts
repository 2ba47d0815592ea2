/** ConsoleTools methods (shared/api/methods/consoleTools.ts). */
import type { ConsoleToolsMethods } from '../../../shared/api/methods/consoleTools';
import { msg } from '../../../shared/messages/message';
import { VirtdeckError } from '../../../shared/errors';
import { viewerFileText } from '../../../shared/viewerFile';
import { launchRemoteViewer } from '../../consoles/remoteViewerLaunch';
import { clipboardAgentState } from '../../services/clipboardAgent';
import { prepareConsole } from '../../services/consoleSources';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function consoleToolsHandlers({
  sessions,
  consoles,
}: HandlerDeps): HandlersOf<ConsoleToolsMethods> {
  return {
    'consoleTools.clipboardAgent': async (p) =>
      clipboardAgentState(sessions.get(p.connectionId).libvirt().rpc, p.uuid),
    'consoleTools.remoteViewer': async (p) => {
      const session = sessions.get(p.connectionId);
      const { host, rpc } = session.libvirt();
      const prepared = await prepareConsole(host, rpc, p.uuid, p.targetId);
      if (prepared.kind === 'serial') {
        throw new VirtdeckError('not-supported', msg('consoles.viewerSerial'));
      }
      const forward = await consoles.forwardForViewer({
        open: prepared.open,
        concurrent: prepared.kind === 'spice',
      });
      const name = session.vmList().find((vm) => vm.uuid === p.uuid)?.name ?? p.uuid;
      const file = viewerFileText({
        type: prepared.kind,
        port: forward.port,
        title: `${name} (${session.config.label ?? session.config.uri})`,
        password: prepared.password,
      });
      if (p.launch && (await launchRemoteViewer(file, forward.finished))) {
        return { port: forward.port, launched: true };
      }
      return { port: forward.port, launched: false, file };
    },
  };
}
