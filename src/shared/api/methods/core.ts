import * as v from 'valibot';
import { checkedForm, none, oneOf, text, vmRef, type ParamsIn, type ParamsOut } from '../schema';
import type {
  ConnectionConfig,
  ConnectionForm,
  ConnectionSuggestion,
  ConsoleTarget,
  ConsoleTicket,
  FieldErrors,
  SessionSnapshot,
  Settings,
} from '../types';
import { LIFECYCLE_ACTIONS } from '../../vmActions';

/** An answer to a prompt: cancelled, the values typed, or the host key accepted or refused. */
const promptAnswer = v.union(
  [
    v.object({ cancelled: v.literal(true) }),
    v.object({ values: v.array(v.string()) }),
    v.object({ accept: v.boolean() }),
  ],
  'Invalid answer',
);
export type PromptAnswer = ParamsOut<typeof promptAnswer>;

// The connection form's fields are checked by services/connectionChecks, one message per field.
const connectionForm = checkedForm<ConnectionForm>('connection form');
const byId = v.object({ id: text('id') });

export const coreParams = {
  'session.snapshot': none,
  'connections.check': connectionForm,
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
  'connections.sshAliases': none,
  'connections.suggestions': none,
  'vms.action': v.object({
    ...vmRef,
    action: oneOf(LIFECYCLE_ACTIONS, 'action'),
  }),
  'vms.setAutostart': v.object({
    ...vmRef,
    autostart: v.optional(v.boolean('Expected true or false'), false),
  }),
  'consoles.list': v.object(vmRef),
  'consoles.open': v.object({ ...vmRef, targetId: text('targetId') }),
  'prompts.answer': v.object({ id: text('id'), answer: promptAnswer }),
  // The values' ranges are checked by the settings store.
  'settings.update': v.pipe(
    v.nullish(
      v.partial(
        v.object({
          language: oneOf(['en', 'ar'], 'language'),
          statsIntervalMs: v.number('The stats interval must be 250 ms to 60 s'),
        }),
      ),
    ),
    v.transform((patch) => patch ?? {}),
  ),
  'stats.setActive': v.object({ active: v.optional(v.boolean('Expected true or false'), true) }),
};
type In<M extends keyof typeof coreParams> = ParamsIn<(typeof coreParams)[M]>;

export interface CoreMethods {
  /** The whole current state; the renderer then follows events. */
  'session.snapshot': { params: void; result: SessionSnapshot };

  /** What is wrong with the form, checked on the backend too (e.g. an unknown ~/.ssh/config alias). */
  'connections.check': { params: ConnectionForm; result: FieldErrors };
  /** Validates, saves and (when autoconnect or `connect`) connects. Fails with invalid-input + fields. */
  'connections.add': { params: In<'connections.add'>; result: ConnectionConfig };
  'connections.update': { params: In<'connections.update'>; result: ConnectionConfig };
  'connections.remove': { params: In<'connections.remove'>; result: void };
  'connections.connect': { params: In<'connections.connect'>; result: void };
  'connections.disconnect': { params: In<'connections.disconnect'>; result: void };
  /** Host aliases from ~/.ssh/config, for the host field's suggestions. */
  'connections.sshAliases': { params: void; result: string[] };
  /** First run: the local host (system if reachable, else session) and the test driver demo. */
  'connections.suggestions': { params: void; result: ConnectionSuggestion[] };

  'vms.action': { params: In<'vms.action'>; result: void };
  'vms.setAutostart': { params: In<'vms.setAutostart'>; result: void };

  /** The VM's consoles (graphics first, then serial / console devices), from its live XML. */
  'consoles.list': { params: In<'consoles.list'>; result: ConsoleTarget[] };
  /** A ticket for one console: the renderer connects noVNC / spice-html5 / xterm.js to its URL. */
  'consoles.open': { params: In<'consoles.open'>; result: ConsoleTicket };

  'prompts.answer': { params: In<'prompts.answer'>; result: void };

  'settings.update': { params: Partial<Settings>; result: Settings };
  /** The renderer is visible (true) or hidden (false): stats polling pauses while hidden. */
  'stats.setActive': { params: In<'stats.setActive'>; result: void };
}
