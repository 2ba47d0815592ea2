/** Lxc methods (shared/api/methods/lxc.ts). Being built (contract placeholder). */
import type { LxcMethods } from '../../../shared/api/methods/lxc';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function lxcHandlers(_deps: HandlerDeps): HandlersOf<LxcMethods> {
  return {};
}
