import type { CallMessage, Reply, ServerMessage } from '../../shared/api/wire';
import type { LinkState, Transport } from './transport';

/** The part of a WebSocket this transport uses, so that tests can hand it a fake. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

const OPEN = 1;
export const RECONNECT_DELAY_MS = 2000;

const lostReply: Reply = {
  ok: false,
  error: { code: 'disconnected', message: 'Lost connection to the Virtdeck backend' },
};

/**
 * The browser shell: one WebSocket carrying JSON frames. Calls made before the first open wait
 * for it; calls in flight when the socket drops fail with `disconnected` (the backend may or may
 * not have run them, so they are not resent). A dropped socket is reopened every 2 s.
 */
export function wsTransport(
  url: string,
  open: (url: string) => SocketLike,
  { hasToken = true }: { hasToken?: boolean } = {},
): Transport {
  const pending = new Map<number, (reply: Reply) => void>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  let queued: string[] = [];
  let nextId = 1;
  let socket: SocketLike;
  let lost = false;

  const setLink = (state: LinkState) => {
    for (const listener of linkListeners) listener(state);
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'reply') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.ok ? { ok: true, result: message.result } : message);
    } else if (message.type === 'event') {
      for (const listener of eventListeners) listener(message.name, message.payload);
    }
  };

  const connect = () => {
    socket = open(url);
    socket.onopen = () => {
      const wasLost = lost;
      lost = false;
      for (const frame of queued) socket.send(frame);
      queued = [];
      if (wasLost) setLink('open');
    };
    socket.onmessage = (event) => onMessage(event.data);
    socket.onerror = () => {};
    socket.onclose = () => {
      const failed = [...pending.values()];
      pending.clear();
      queued = [];
      for (const resolve of failed) resolve(lostReply);
      if (!lost) {
        lost = true;
        setLink(hasToken ? 'lost' : 'no-token');
      }
      setTimeout(connect, RECONNECT_DELAY_MS);
    };
  };
  connect();

  return {
    call(method, params) {
      if (lost) return Promise.resolve(lostReply);
      const id = nextId++;
      const message: CallMessage = { type: 'call', id, method, params };
      const frame = JSON.stringify(message);
      return new Promise<Reply>((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === OPEN) socket.send(frame);
        else queued.push(frame);
      });
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
}
