/** NativeConfig methods (shared/api/methods/nativeConfig.ts). Being built (contract placeholder). */
import type { NativeConfigMethods } from '../../../shared/api/methods/nativeConfig';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function nativeConfigHandlers(_deps: HandlerDeps): HandlersOf<NativeConfigMethods> {
  return {};
}
