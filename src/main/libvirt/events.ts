/**
 * Domain events from libvirt, so the app learns of state changes (including those made with
 * virsh or by the guest itself) the moment they happen instead of polling every VM.
 */
import type { EventName, EventOf, RpcClient } from './rpc/client';
import { eventRegistry, subscribeAll, type EventSource } from './eventRegistry';
import type { DomainRef } from './refs';
import {
  virConnectDomainEventAgentLifecycleState,
  virDomainEventID,
} from './rpc/generated/libvirtEnums';

const { VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED: AGENT_CONNECTED } =
  virConnectDomainEventAgentLifecycleState;

export const LIFECYCLE_EVENTS = [
  'defined',
  'undefined',
  'started',
  'suspended',
  'resumed',
  'stopped',
  'shutdown',
  'pmsuspended',
  'crashed',
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

export type DomainEvent =
  | { kind: 'lifecycle'; dom: DomainRef; event: LifecycleEvent; detail: number }
  | { kind: 'reboot'; dom: DomainRef }
  | { kind: 'device-added'; dom: DomainRef; alias: string }
  | { kind: 'device-removed'; dom: DomainRef; alias: string }
  | { kind: 'agent-lifecycle'; dom: DomainRef; connected: boolean; reason: number }
  | { kind: 'job-completed'; dom: DomainRef }
  | { kind: 'metadata-change'; dom: DomainRef; type: number; namespace: string | null };

interface Registration<E extends EventName> {
  eventId: number;
  message: E;
  toEvent(msg: EventOf<E>): DomainEvent;
}

function registration<E extends EventName>(r: Registration<E>): Registration<E> {
  return r;
}

/** The shared registry's view of a domain event: registered for all domains. */
function domainSource<E extends EventName>(r: Registration<E>): EventSource<E> {
  return {
    key: `domain:${r.eventId}`,
    message: r.message,
    register: async (rpc) =>
      (
        await rpc.call('CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', {
          eventID: r.eventId,
          dom: null,
        })
      ).callbackID,
    deregister: (rpc, callbackID) =>
      rpc.call('CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY', { callbackID }),
  };
}

const LIFECYCLE = registration({
  eventId: virDomainEventID.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
  message: 'DOMAIN_EVENT_CALLBACK_LIFECYCLE',
  toEvent: ({ msg }) => ({
    kind: 'lifecycle',
    dom: msg.dom,
    event: LIFECYCLE_EVENTS[msg.event] ?? 'defined',
    detail: msg.detail,
  }),
});

const REGISTRATIONS = [
  LIFECYCLE,
  registration({
    eventId: virDomainEventID.VIR_DOMAIN_EVENT_ID_REBOOT,
    message: 'DOMAIN_EVENT_CALLBACK_REBOOT',
    toEvent: ({ msg }) => ({ kind: 'reboot', dom: msg.dom }),
  }),
  registration({
    eventId: virDomainEventID.VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
    message: 'DOMAIN_EVENT_CALLBACK_DEVICE_ADDED',
    toEvent: (m) => ({ kind: 'device-added', dom: m.dom, alias: m.devAlias }),
  }),
  registration({
    eventId: virDomainEventID.VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
    message: 'DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED',
    toEvent: ({ msg }) => ({ kind: 'device-removed', dom: msg.dom, alias: msg.devAlias }),
  }),
  registration({
    eventId: virDomainEventID.VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE,
    message: 'DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE',
    toEvent: (m) => ({
      kind: 'agent-lifecycle',
      dom: m.dom,
      connected: m.state === AGENT_CONNECTED,
      reason: m.reason,
    }),
  }),
  registration({
    eventId: virDomainEventID.VIR_DOMAIN_EVENT_ID_JOB_COMPLETED,
    message: 'DOMAIN_EVENT_CALLBACK_JOB_COMPLETED',
    toEvent: (m) => ({ kind: 'job-completed', dom: m.dom }),
  }),
  registration({
    eventId: virDomainEventID.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
    message: 'DOMAIN_EVENT_CALLBACK_METADATA_CHANGE',
    toEvent: (m) => ({ kind: 'metadata-change', dom: m.dom, type: m.type, namespace: m.nsuri }),
  }),
];

/**
 * Calls `handler` with every domain event above, for all domains. Returns the function that
 * stops it. Any number of listeners may subscribe on one connection: libvirt refuses a second
 * callback for the same event on a connection ("event callback already tracked"), so they share
 * the connection's one registration per event (./eventRegistry).
 */
export function subscribeDomainEvents(
  rpc: RpcClient,
  handler: (event: DomainEvent) => void,
): Promise<() => Promise<void>> {
  return subscribeAll(
    rpc,
    REGISTRATIONS.map((r) => {
      const reg = r as Registration<EventName>;
      return (registry) =>
        registry.subscribe(domainSource(reg), (msg) => handler(reg.toEvent(msg)));
    }),
  );
}

/** Only the lifecycle event (the new-VM first-reboot watcher), from the same registration. */
export function subscribeLifecycleEvents(
  rpc: RpcClient,
  handler: (event: Extract<DomainEvent, { kind: 'lifecycle' }>) => void,
): Promise<() => Promise<void>> {
  return eventRegistry(rpc).subscribe(domainSource(LIFECYCLE), (msg) => {
    const event = LIFECYCLE.toEvent(msg);
    if (event.kind === 'lifecycle') handler(event);
  });
}
