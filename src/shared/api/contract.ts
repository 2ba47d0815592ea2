/**
 * The API contract: every method the renderer may call and every event the backend sends, with
 * their types. Both shells carry exactly these (the Electron preload and the browser shell's
 * WebSocket refuse any other method name), and the renderer's client is typed from them.
 */
import * as v from 'valibot';
import { hostResourcesChanged } from './hostTypes';
import { coreParams, coreResults, type CoreMethods } from './methods/core';
import { hostParams, hostResults, type HostMethods } from './methods/host';
import { migrationParams, migrationResults, type MigrationMethods } from './methods/migration';
import { jobParams, jobResults, type JobMethods } from './methods/jobs';
import { networkParams, networkResults, type NetworkMethods } from './methods/networks';
import { newVmParams, newVmResults, type NewVmMethods } from './methods/newVm';
import { storageParams, storageResults, type StorageMethods } from './methods/storage';
import {
  storageEditParams,
  storageEditResults,
  type StorageEditMethods,
} from './methods/storageEdits';
import { snapshotParams, snapshotResults, type SnapshotMethods } from './methods/snapshots';
import { vmCloneParams, vmCloneResults, type VmCloneMethods } from './methods/vmClone';
import { vmDeleteParams, vmDeleteResults, type VmDeleteMethods } from './methods/vmDelete';
import { vmDetailsParams, vmDetailsResults, type VmDetailsMethods } from './methods/vmDetails';
import { lxcParams, lxcResults, type LxcMethods } from './methods/lxc';
import { xenParams, xenResults, type XenMethods } from './methods/xen';
import {
  nativeConfigParams,
  nativeConfigResults,
  type NativeConfigMethods,
} from './methods/nativeConfig';
import {
  credentialsParams,
  credentialsResults,
  type CredentialsMethods,
} from './methods/credentials';
import {
  consoleToolsParams,
  consoleToolsResults,
  type ConsoleToolsMethods,
} from './methods/consoleTools';
import {
  connectionConfig,
  hostStatus,
  jobProgress,
  prompt,
  settings,
  statsBatch,
  vmDelta,
} from './types';

/**
 * Every method: one type per area in ./methods/, each inferred from the area's params and results
 * maps (each area adds itself here, to PARAM_SCHEMAS and to RESULT_SCHEMAS, so that a feature's
 * contract lives in one file).
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
    SnapshotMethods,
    VmCloneMethods,
    MigrationMethods,
    LxcMethods,
    XenMethods,
    NativeConfigMethods,
    CredentialsMethods,
    ConsoleToolsMethods {}

/** Every event's payload, by name; the backend checks them with the results. */
export const EVENT_SCHEMAS = {
  'connections.changed': v.array(connectionConfig),
  'hosts.status': hostStatus,
  'vms.delta': vmDelta,
  'stats.samples': statsBatch,
  'prompts.opened': prompt,
  /** A prompt was answered (by any window) or withdrawn (its connection closed). */
  'prompts.closed': v.object({ id: v.string() }),
  'jobs.progress': jobProgress,
  /** A network or storage pool was defined, started, stopped... (by anyone): reload lists. */
  'host.resourcesChanged': hostResourcesChanged,
  'settings.changed': settings,
};

export type ApiEvents = {
  [E in keyof typeof EVENT_SCHEMAS]: v.InferOutput<(typeof EVENT_SCHEMAS)[E]>;
};

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
  ...vmCloneParams,
  ...migrationParams,
  ...lxcParams,
  ...xenParams,
  ...nativeConfigParams,
  ...credentialsParams,
  ...consoleToolsParams,
} satisfies { [M in MethodName]: v.GenericSchema };

/** What a handler gets: the method's parameters once its schema has checked them. */
export type CheckedParams<M extends MethodName> = v.InferOutput<(typeof PARAM_SCHEMAS)[M]>;

/**
 * Every method's result schema, by name: with `checkResults` the backend checks each handler's
 * result against it before replying, so a wrong shape fails a test instead of reaching a page.
 */
export const RESULT_SCHEMAS = {
  ...coreResults,
  ...jobResults,
  ...newVmResults,
  ...storageResults,
  ...storageEditResults,
  ...networkResults,
  ...hostResults,
  ...vmDetailsResults,
  ...vmDeleteResults,
  ...snapshotResults,
  ...vmCloneResults,
  ...migrationResults,
  ...lxcResults,
  ...xenResults,
  ...nativeConfigResults,
  ...credentialsResults,
  ...consoleToolsResults,
} satisfies { [M in MethodName]: v.GenericSchema };

// A compile-time check that every method has a schema and every schema a method.
type Unlisted = Exclude<MethodName, keyof typeof PARAM_SCHEMAS>;
type Unknown = Exclude<keyof typeof PARAM_SCHEMAS, MethodName>;
const everyMethodListed: [Unlisted, Unknown] extends [never, never] ? true : Unlisted = true;
void everyMethodListed;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(PARAM_SCHEMAS, name);
}
