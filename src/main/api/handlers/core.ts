/**
 * The core API methods (connections, VM lifecycle, consoles, prompts, settings), one line each
 * where possible: the contract's names mapped onto the stores, the sessions and the prompt broker
 * (parameters checked by the methods' schemas, shared/api/methods/core.ts).
 */
import type { CoreMethods } from '../../../shared/api/methods/core';
import {
  checkConnectionForm,
  firstRunSuggestions,
  sshHostAliases,
} from '../../services/connectionChecks';
import { listConsoles, prepareConsole } from '../../services/consoleSources';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function coreHandlers(deps: HandlerDeps): HandlersOf<CoreMethods> {
  const { connections, credentials, settings, sessions, prompts, events, consoles } = deps;
  return {
    'session.snapshot': async () => ({
      connections: connections.list(),
      hosts: sessions.statuses(),
      vms: sessions.vms(),
      prompts: prompts.open(),
      settings: settings.get(),
    }),
    'connections.check': async (form) => checkConnectionForm(form),
    'connections.add': async (p) => sessions.add(p.form, p.connect),
    'connections.update': async (p) =>
      sessions.update(p.id, { autoconnect: p.autoconnect, label: p.label }),
    // A removed connection's remembered secrets go with it.
    'connections.remove': async (p) => {
      await sessions.remove(p.id);
      await credentials.forget(p.id);
    },
    'connections.connect': async (p) => {
      // Connecting may wait on prompts; its progress and outcome arrive as hosts.status events.
      void sessions.get(p.id).connect();
    },
    'connections.disconnect': async (p) => sessions.get(p.id).disconnect(),
    'connections.sshAliases': async () => sshHostAliases(),
    'connections.suggestions': async () => firstRunSuggestions(),
    'vms.action': async (p) => sessions.get(p.connectionId).runAction(p.uuid, p.action),
    'vms.setAutostart': async (p) => sessions.get(p.connectionId).setAutostart(p.uuid, p.autostart),
    'consoles.list': async (p) => {
      const { rpc } = sessions.get(p.connectionId).libvirt();
      const targets = await listConsoles(rpc, p.uuid);
      // Passwords stay in the backend; the list says what exists and where displays listen.
      return targets.map(({ id, kind, label, supported, why, endpoint }) => ({
        id,
        kind,
        label,
        supported,
        why,
        display:
          endpoint?.kind === 'tcp' ? { host: endpoint.host, port: endpoint.port } : undefined,
      }));
    },
    'consoles.open': async (p) => {
      const { host, rpc } = sessions.get(p.connectionId).libvirt();
      const prepared = await prepareConsole(host, rpc, p.uuid, p.targetId);
      // A serial console stays open between tabs and keeps what the guest printed meanwhile.
      const key = `${p.connectionId}/${p.uuid}/${p.targetId}`;
      const url = consoles.issue({
        open:
          prepared.kind === 'serial'
            ? () => consoles.serialHistories.attach(key, rpc, prepared.open)
            : prepared.open,
        describe: prepared.describe,
        multiple: prepared.kind === 'spice',
      });
      return { url, kind: prepared.kind, password: prepared.password };
    },
    'prompts.answer': async (p) => prompts.answer(p.id, p.answer),
    'settings.update': async (patch) => {
      const next = await settings.update(patch);
      sessions.updateStats();
      events.emit('settings.changed', next);
      return next;
    },
    'stats.setActive': async (p) => sessions.setStatsActive(p.active),
  };
}
