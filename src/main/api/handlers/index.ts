/** Every API method's handler: the core ones and one file per area (as in shared/api/methods/). */
import type { CheckedParams, MethodName, MethodResult } from '../../../shared/api/contract';
import { coreHandlers } from './core';
import type { HandlerDeps } from './handlerTypes';
import { hostHandlers } from './host';
import { jobHandlers } from './jobs';
import { migrationHandlers } from './migration';
import { networkHandlers } from './networks';
import { newVmHandlers } from './newVm';
import { snapshotHandlers } from './snapshots';
import { vmCloneHandlers } from './vmClone';
import { vmDeleteHandlers } from './vmDelete';
import { vmDetailsHandlers } from './vmDetails';
import { storageHandlers } from './storage';
import { storageEditHandlers } from './storageEdits';
import { lxcHandlers } from './lxc';
import { xenHandlers } from './xen';
import { nativeConfigHandlers } from './nativeConfig';
import { credentialsHandlers } from './credentials';
import { consoleToolsHandlers } from './consoleTools';

export type { HandlerDeps } from './handlerTypes';

export type Handlers = {
  [M in MethodName]: (params: CheckedParams<M>) => Promise<MethodResult<M>>;
};

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...coreHandlers(deps),
    ...jobHandlers(deps),
    ...vmDetailsHandlers(deps),
    ...storageHandlers(deps),
    ...storageEditHandlers(deps),
    ...networkHandlers(deps),
    ...hostHandlers(deps),
    ...newVmHandlers(deps),
    ...vmDeleteHandlers(deps),
    ...snapshotHandlers(deps),
    ...vmCloneHandlers(deps),
    ...migrationHandlers(deps),
    ...lxcHandlers(deps),
    ...xenHandlers(deps),
    ...nativeConfigHandlers(deps),
    ...credentialsHandlers(deps),
    ...consoleToolsHandlers(deps),
  };
}
