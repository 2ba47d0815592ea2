import type {
  ApiEvents,
  EventName,
  MethodName,
  MethodParams,
  MethodResult,
} from '../../shared/api/contract';
import { ApiError } from './apiError';
import type { LinkState, Transport } from './transport';

/** The one typed way the renderer talks to the backend, whichever shell carries it. */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, handler: (payload: ApiEvents[E]) => void): () => void;
  onLink(listener: (state: LinkState) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  transport.onEvent((name, payload) => {
    const set = handlers.get(name);
    if (!set) return;
    for (const handler of set) handler(payload);
  });
  return {
    async call(method, params) {
      const reply = await transport.call(method, params);
      if (!reply.ok) throw new ApiError(reply.error);
      return reply.result as MethodResult<typeof method>;
    },
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) {
        set = new Set();
        handlers.set(event, set);
      }
      const untyped = handler as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    onLink: (listener) => transport.onLink(listener),
  };
}
