import type { PreloadBridge } from '../../shared/api/wire';
import type { Transport } from './transport';

/** Electron: IPC through the preload bridge never drops, so the link is always open. */
export function bridgeTransport(bridge: PreloadBridge): Transport {
  return {
    call: (method, params) => bridge.call(method, params),
    onEvent: (listener) => bridge.onEvent(listener),
    onLink: () => () => {},
  };
}
