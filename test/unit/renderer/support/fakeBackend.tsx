import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createClient, type ApiClient } from '../../../../src/renderer/api/client';
import type { LinkState, Transport } from '../../../../src/renderer/api/transport';
import { initI18n } from '../../../../src/renderer/i18n/i18n';
import { createAppStore, type AppStore } from '../../../../src/renderer/state/appStore';
import { KeyboardProvider } from '../../../../src/renderer/shortcuts/KeyboardProvider';
import { ServicesProvider } from '../../../../src/renderer/state/context';
import { createQueries, syncQueries } from '../../../../src/renderer/state/queries';
import type { ApiEvents, EventName, MethodName } from '../../../../src/shared/api/contract';
import type { ApiErrorData } from '../../../../src/shared/api/types';
import type { Reply } from '../../../../src/shared/api/wire';

type Answer = (params: unknown) => unknown;

/** Thrown by an answer: the backend's error reply, with the fields it names. */
export class Refusal extends Error {
  constructor(readonly data: ApiErrorData) {
    super(data.message);
  }
}

/** One call the views made, answered when the test says (`settle`), like a backend over a link. */
interface PendingCall {
  method: string;
  params: unknown;
  settle(): void;
}

/**
 * A backend behind the renderer's real API client: answers each method with `answers` (a throw
 * becomes the API's error reply), counts the calls, and sends events when the test says. The
 * answers of `held` methods, made at the call, travel only at release(), so a test can say what
 * happens while one is under way.
 */
export function fakeBackend(answers: Partial<Record<MethodName, Answer>>, held: MethodName[] = []) {
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  const calls: { method: string; params: unknown }[] = [];
  const pending: PendingCall[] = [];
  const answer = (method: string, params: unknown): Reply => {
    const fn = answers[method as MethodName];
    if (!fn)
      return { ok: false, error: { code: 'not-supported', message: `no answer for ${method}` } };
    try {
      return { ok: true, result: fn(params) };
    } catch (err) {
      if (err instanceof Refusal) return { ok: false, error: err.data };
      throw err;
    }
  };
  const transport: Transport = {
    call(method, params) {
      calls.push({ method, params });
      // Answered as the backend is now; a held answer only travels later.
      const reply = answer(method, params);
      if (!held.includes(method as MethodName)) return Promise.resolve(reply);
      return new Promise((resolve) =>
        pending.push({ method, params, settle: () => resolve(reply) }),
      );
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  };
  const client: ApiClient = createClient(transport);
  return {
    client,
    calls,
    count: (method: MethodName) => calls.filter((c) => c.method === method).length,
    /** How many held calls wait now. */
    waiting: () => pending.length,
    /** Answers every held call made so far. */
    release() {
      for (const call of pending.splice(0)) call.settle();
    },
    emit<E extends EventName>(name: E, payload: ApiEvents[E]) {
      for (const listener of eventListeners) listener(name, payload);
    },
  };
}

export type FakeBackend = ReturnType<typeof fakeBackend>;

/** Renders `ui` as main.tsx does: the store, the query cache fed by the events, i18n in English. */
export function renderWithServices(
  backend: FakeBackend,
  ui: ReactNode,
  store: AppStore = createAppStore(),
): RenderResult & { store: AppStore } {
  initI18n();
  const queries = createQueries();
  syncQueries(backend.client, queries);
  backend.client.on('vms.delta', (delta) => store.vmDelta(delta));
  return {
    store,
    ...render(
      <ServicesProvider client={backend.client} store={store} queries={queries}>
        <KeyboardProvider>{ui}</KeyboardProvider>
      </ServicesProvider>,
    ),
  };
}
