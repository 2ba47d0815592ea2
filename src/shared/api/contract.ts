/**
 * The API contract: every method the renderer may call and every event the backend sends, with
 * their types. Both shells carry exactly these (the Electron preload and the browser shell's
 * WebSocket refuse any other method name), and the renderer's client is typed from them.
 */
import type {
  ConnectionConfig,
  ConnectionForm,
  ConnectionSuggestion,
  ConsoleTarget,
  ConsoleTicket,
  FieldErrors,
  HostStatus,
  JobProgress,
  LifecycleAction,
  Prompt,
  PromptAnswer,
  SessionSnapshot,
  Settings,
  StatsBatch,
  VmDelta,
} from './types';
import { JOB_METHOD_NAMES, type JobMethods } from './methods/jobs';
import { STORAGE_METHOD_NAMES, type StorageMethods } from './methods/storage';
import { STORAGE_EDIT_METHOD_NAMES, type StorageEditMethods } from './methods/storageEdits';
import type { HostResourcesChanged } from './hostTypes';
import { HOST_METHOD_NAMES, type HostMethods } from './methods/host';
import { NETWORK_METHOD_NAMES, type NetworkMethods } from './methods/networks';
import { VM_DETAILS_METHOD_NAMES, type VmDetailsMethods } from './methods/vmDetails';
import { NEW_VM_METHOD_NAMES, type NewVmMethods } from './methods/newVm';

/**
 * Every method: the core ones below, then one interface per area in ./methods/ (each area adds
 * itself here and to METHOD_NAMES, so that a feature's contract lives in one file).
 */
export interface ApiMethods
  extends
    CoreMethods,
    JobMethods,
    VmDetailsMethods,
    NetworkMethods,
    HostMethods,
    StorageMethods,
    StorageEditMethods,
    NewVmMethods {}

export interface CoreMethods {
  /** The whole current state; the renderer then follows events. */
  'session.snapshot': { params: void; result: SessionSnapshot };

  /** What is wrong with the form, checked on the backend too (e.g. an unknown ~/.ssh/config alias). */
  'connections.check': { params: ConnectionForm; result: FieldErrors };
  /** Validates, saves and (when autoconnect or `connect`) connects. Fails with invalid-input + fields. */
  'connections.add': {
    params: { form: ConnectionForm; connect: boolean };
    result: ConnectionConfig;
  };
  'connections.update': {
    params: { id: string; autoconnect?: boolean; label?: string };
    result: ConnectionConfig;
  };
  'connections.remove': { params: { id: string }; result: void };
  'connections.connect': { params: { id: string }; result: void };
  'connections.disconnect': { params: { id: string }; result: void };
  /** Host aliases from ~/.ssh/config, for the host field's suggestions. */
  'connections.sshAliases': { params: void; result: string[] };
  /** First run: the local host (system if reachable, else session) and the test driver demo. */
  'connections.suggestions': { params: void; result: ConnectionSuggestion[] };

  'vms.action': {
    params: { connectionId: string; uuid: string; action: LifecycleAction };
    result: void;
  };
  'vms.setAutostart': {
    params: { connectionId: string; uuid: string; autostart: boolean };
    result: void;
  };

  /** The VM's consoles (graphics first, then serial / console devices), from its live XML. */
  'consoles.list': { params: { connectionId: string; uuid: string }; result: ConsoleTarget[] };
  /** A ticket for one console: the renderer connects noVNC / spice-html5 / xterm.js to its URL. */
  'consoles.open': {
    params: { connectionId: string; uuid: string; targetId: string };
    result: ConsoleTicket;
  };

  'prompts.answer': { params: { id: string; answer: PromptAnswer }; result: void };

  'settings.update': { params: Partial<Settings>; result: Settings };
  /** The renderer is visible (true) or hidden (false): stats polling pauses while hidden. */
  'stats.setActive': { params: { active: boolean }; result: void };
}

export interface ApiEvents {
  'connections.changed': ConnectionConfig[];
  'hosts.status': HostStatus;
  'vms.delta': VmDelta;
  'stats.samples': StatsBatch;
  'prompts.opened': Prompt;
  /** A prompt was answered (by any window) or withdrawn (its connection closed). */
  'prompts.closed': { id: string };
  'jobs.progress': JobProgress;
  /** A network or storage pool was defined, started, stopped... (by anyone): reload lists. */
  'host.resourcesChanged': HostResourcesChanged;
  'settings.changed': Settings;
}

export type MethodName = keyof ApiMethods;
export type MethodParams<M extends MethodName> = ApiMethods[M]['params'];
export type MethodResult<M extends MethodName> = ApiMethods[M]['result'];
export type EventName = keyof ApiEvents;

/** Run-time list of the method names, for the shells to refuse anything else. */
export const METHOD_NAMES = [
  'session.snapshot',
  'connections.check',
  'connections.add',
  'connections.update',
  'connections.remove',
  'connections.connect',
  'connections.disconnect',
  'connections.sshAliases',
  'connections.suggestions',
  'vms.action',
  'vms.setAutostart',
  'consoles.list',
  'consoles.open',
  'prompts.answer',
  'settings.update',
  'stats.setActive',
  ...JOB_METHOD_NAMES,
  ...NEW_VM_METHOD_NAMES,
  ...STORAGE_METHOD_NAMES,
  ...STORAGE_EDIT_METHOD_NAMES,
  ...NETWORK_METHOD_NAMES,
  ...HOST_METHOD_NAMES,
  ...VM_DETAILS_METHOD_NAMES,
] as const satisfies readonly MethodName[];

// A compile-time check that METHOD_NAMES lists every method.
type Missing = Exclude<MethodName, (typeof METHOD_NAMES)[number]>;
const everyMethodListed: Missing extends never ? true : Missing = true;
void everyMethodListed;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}
