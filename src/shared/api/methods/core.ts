import * as v from 'valibot';
import { none, nothing, oneOf, text, vmRef, type MethodsOf, type ResultSchemas } from '../schema';
import {
  connectionConfig,
  connectionForm,
  connectionSuggestion,
  consoleTarget,
  consoleTicket,
  fieldErrors,
  LANGUAGES,
  THEMES,
  promptAnswer,
  sessionSnapshot,
  settings,
} from '../types';
import { LIFECYCLE_ACTIONS } from '../../vmActions';

const byId = v.object({ id: text('id') });

export const coreParams = {
  /** The whole current state; the renderer then follows events. */
  'session.snapshot': none,
  /** What is wrong with the form, checked on the backend too (e.g. an unknown ~/.ssh/config alias). */
  'connections.check': connectionForm,
  /** Validates, saves and (when autoconnect or `connect`) connects. Fails with invalid-input + fields. */
  'connections.add': v.object({
    form: connectionForm,
    connect: v.optional(v.boolean('Expected true or false'), false),
  }),
  'connections.update': v.object({
    id: text('id'),
    autoconnect: v.optional(v.boolean('Expected true or false')),
    label: v.optional(v.string('Expected text')),
  }),
  'connections.remove': byId,
  'connections.connect': byId,
  'connections.disconnect': byId,
  /** Host aliases from ~/.ssh/config, for the host field's suggestions. */
  'connections.sshAliases': none,
  /** First run: the local host (system if reachable, else session) and the test driver demo. */
  'connections.suggestions': none,
  'vms.action': v.object({
    ...vmRef,
    action: oneOf(LIFECYCLE_ACTIONS, 'action'),
  }),
  'vms.setAutostart': v.object({
    ...vmRef,
    autostart: v.optional(v.boolean('Expected true or false'), false),
  }),
  /** The VM's consoles (graphics first, then serial / console devices), from its live XML. */
  'consoles.list': v.object(vmRef),
  /** A ticket for one console: the renderer connects noVNC / spice-html5 / xterm.js to its URL. */
  'consoles.open': v.object({ ...vmRef, targetId: text('targetId') }),
  'prompts.answer': v.object({ id: text('id'), answer: promptAnswer }),
  // The values' ranges are checked by the settings store.
  'settings.update': v.pipe(
    v.nullish(
      v.partial(
        v.object({
          language: oneOf(LANGUAGES, 'language'),
          theme: oneOf(THEMES, 'theme'),
          statsIntervalMs: v.number('The stats interval must be 250 ms to 60 s'),
        }),
      ),
    ),
    v.transform((patch) => patch ?? {}),
  ),
  /** The renderer is visible (true) or hidden (false): stats polling pauses while hidden. */
  'stats.setActive': v.object({ active: v.optional(v.boolean('Expected true or false'), true) }),
};

export const coreResults = {
  'session.snapshot': sessionSnapshot,
  'connections.check': fieldErrors,
  'connections.add': connectionConfig,
  'connections.update': connectionConfig,
  'connections.remove': nothing,
  'connections.connect': nothing,
  'connections.disconnect': nothing,
  'connections.sshAliases': v.array(v.string()),
  'connections.suggestions': v.array(connectionSuggestion),
  'vms.action': nothing,
  'vms.setAutostart': nothing,
  'consoles.list': v.array(consoleTarget),
  'consoles.open': consoleTicket,
  'prompts.answer': nothing,
  'settings.update': settings,
  'stats.setActive': nothing,
} satisfies ResultSchemas<typeof coreParams>;

/** Connections, VM lifecycle, consoles, prompts and settings. */
export type CoreMethods = MethodsOf<typeof coreParams, typeof coreResults>;
