/**
 * The core API methods (connections, VM lifecycle, consoles, prompts, settings), one line each
 * where possible: the contract's names mapped onto the stores, the sessions and the prompt broker. Parameters come from the renderer, so each handler checks
 * what it relies on before anything changes.
 */
import type { CoreMethods } from '../../../shared/api/contract';
import type { ConnectionForm, PromptAnswer } from '../../../shared/api/types';
import { VirtdeckError } from '../../../shared/errors';
import { LIFECYCLE_ACTIONS } from '../../../shared/vmActions';
import {
  checkConnectionForm,
  firstRunSuggestions,
  sshHostAliases,
} from '../../services/connectionChecks';
import { listConsoles, prepareConsole } from '../../services/consoleSources';
import { oneOf, text } from '../params';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function coreHandlers(deps: HandlerDeps): HandlersOf<CoreMethods> {
  const { connections, settings, sessions, prompts, events, consoles } = deps;
  return {
    'session.snapshot': async () => ({
      connections: connections.list(),
      hosts: sessions.statuses(),
      vms: sessions.vms(),
      prompts: prompts.open(),
      settings: settings.get(),
    }),
    'connections.check': async (form) => checkConnectionForm(asForm(form)),
    'connections.add': async (p) => sessions.add(asForm(p?.form), p?.connect === true),
    'connections.update': async (p) =>
      sessions.update(text(p?.id, 'id'), {
        autoconnect: typeof p?.autoconnect === 'boolean' ? p.autoconnect : undefined,
        label: typeof p?.label === 'string' ? p.label : undefined,
      }),
    'connections.remove': async (p) => sessions.remove(text(p?.id, 'id')),
    'connections.connect': async (p) => {
      // Connecting may wait on prompts; its progress and outcome arrive as hosts.status events.
      void sessions.get(text(p?.id, 'id')).connect();
    },
    'connections.disconnect': async (p) => sessions.get(text(p?.id, 'id')).disconnect(),
    'connections.sshAliases': async () => sshHostAliases(),
    'connections.suggestions': async () => firstRunSuggestions(),
    'vms.action': async (p) =>
      sessions
        .get(text(p?.connectionId, 'connectionId'))
        .runAction(text(p?.uuid, 'uuid'), oneOf(p?.action, LIFECYCLE_ACTIONS, 'action')),
    'vms.setAutostart': async (p) =>
      sessions
        .get(text(p?.connectionId, 'connectionId'))
        .setAutostart(text(p?.uuid, 'uuid'), p?.autostart === true),
    'consoles.list': async (p) => {
      const { rpc } = sessions.get(text(p?.connectionId, 'connectionId')).libvirt();
      const targets = await listConsoles(rpc, text(p?.uuid, 'uuid'));
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
      const { host, rpc } = sessions.get(text(p?.connectionId, 'connectionId')).libvirt();
      const prepared = await prepareConsole(
        host,
        rpc,
        text(p?.uuid, 'uuid'),
        text(p?.targetId, 'targetId'),
      );
      const url = consoles.issue({
        open: prepared.open,
        describe: prepared.describe,
        multiple: prepared.kind === 'spice',
      });
      return { url, kind: prepared.kind, password: prepared.password };
    },
    'prompts.answer': async (p) => prompts.answer(text(p?.id, 'id'), answer(p?.answer)),
    'settings.update': async (patch) => {
      const next = await settings.update(patch ?? {});
      sessions.updateStats();
      events.emit('settings.changed', next);
      return next;
    },
    'stats.setActive': async (p) => sessions.setStatsActive(p?.active !== false),
  };
}

function asForm(value: unknown): ConnectionForm {
  if (typeof value !== 'object' || value === null) {
    throw new VirtdeckError('invalid-input', 'Missing connection form');
  }
  return value as ConnectionForm;
}

function answer(value: unknown): PromptAnswer {
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (v.cancelled === true) return { cancelled: true };
    if (Array.isArray(v.values) && v.values.every((x) => typeof x === 'string')) {
      return { values: v.values as string[] };
    }
    if (typeof v.accept === 'boolean') return { accept: v.accept };
  }
  throw new VirtdeckError('invalid-input', 'Invalid answer');
}
