/**
 * The API contract: every method the renderer may call and every event the backend sends, with
 * their types. Both shells carry exactly these (the Electron preload and the browser shell's
 * WebSocket refuse any other method name), and the renderer's client is typed from them.
 */
import type {
  ConnectionConfig,
  HostStatus,
  JobProgress,
  Prompt,
  Settings,
  StatsBatch,
  VmDelta,
} from './types';
import type * as v from 'valibot';
import type { HostResourcesChanged } from './hostTypes';
import { coreParams, type CoreMethods } from './methods/core';
import { hostParams, type HostMethods } from './methods/host';
import { jobParams, type JobMethods } from './methods/jobs';
import { networkParams, type NetworkMethods } from './methods/networks';
import { newVmParams, type NewVmMethods } from './methods/newVm';
import { storageParams, type StorageMethods } from './methods/storage';
import { storageEditParams, type StorageEditMethods } from './methods/storageEdits';
import { snapshotParams, type SnapshotMethods } from './methods/snapshots';
import { vmDeleteParams, type VmDeleteMethods } from './methods/vmDelete';
import { vmDetailsParams, type VmDetailsMethods } from './methods/vmDetails';

export type { CoreMethods } from './methods/core';

/**
 * Every method: one interface per area in ./methods/, each beside its parameters' schemas (each
 * area adds itself here and to PARAM_SCHEMAS, so that a feature's contract lives in one file).
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
    NewVmMethods,
    VmDeleteMethods,
    SnapshotMethods {}

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

/**
 * Every method's parameter schema, by name: the backend checks each call's parameters against its
 * method's schema where the call enters, and the shells refuse any other name.
 */
export const PARAM_SCHEMAS = {
  ...coreParams,
  ...jobParams,
  ...newVmParams,
  ...storageParams,
  ...storageEditParams,
  ...networkParams,
  ...hostParams,
  ...vmDetailsParams,
  ...vmDeleteParams,
  ...snapshotParams,
} satisfies { [M in MethodName]: v.GenericSchema };

/** What a handler gets: the method's parameters once its schema has checked them. */
export type CheckedParams<M extends MethodName> = v.InferOutput<(typeof PARAM_SCHEMAS)[M]>;

// A compile-time check that every method has a schema and every schema a method.
type Unlisted = Exclude<MethodName, keyof typeof PARAM_SCHEMAS>;
type Unknown = Exclude<keyof typeof PARAM_SCHEMAS, MethodName>;
const everyMethodListed: [Unlisted, Unknown] extends [never, never] ? true : Unlisted = true;
void everyMethodListed;

/** Run-time list of the method names. */
export const METHOD_NAMES = Object.keys(PARAM_SCHEMAS) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(PARAM_SCHEMAS, name);
}
