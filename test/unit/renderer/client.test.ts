import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src/renderer/api/apiError';
import { createClient } from '../../../src/renderer/api/client';
import { apiSocketUrl, takeToken } from '../../../src/renderer/api/token';
import {
  API_PROTOCOL,
  TOKEN_STORAGE_KEY,
  apiProtocols,
  tokenFromProtocols,
} from '../../../src/shared/api/wire';
import {
  RECONNECT_DELAY_MS,
  wsTransport,
  type SocketLike,
} from '../../../src/renderer/api/wsTransport';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

afterEach(() => vi.useRealTimers());

describe('wsTransport + client', () => {
  it('queues calls until open, resolves replies and rejects errors as ApiError', async () => {
    const sockets: FakeSocket[] = [];
    const client = createClient(
      wsTransport('ws://x/api', () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      }),
    );
    const socket = sockets[0]!;
    const ok = client.call('connections.sshAliases', undefined);
    const bad = client.call('connections.remove', { id: 'nope' });
    socket.open();
    expect(socket.sent).toEqual([
      { type: 'call', id: 1, method: 'connections.sshAliases', params: undefined },
      { type: 'call', id: 2, method: 'connections.remove', params: { id: 'nope' } },
    ]);
    socket.receive({ type: 'reply', id: 1, ok: true, result: ['kvm1'] });
    socket.receive({
      type: 'reply',
      id: 2,
      ok: false,
      error: { code: 'invalid-input', message: 'No such connection', fields: { host: 'x' } },
    });
    await expect(ok).resolves.toEqual(['kvm1']);
    const err = await bad.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: 'invalid-input',
      message: 'No such connection',
      fields: { host: 'x' },
    });
  });

  it('delivers events, fails pending calls on close and reconnects every 2 s', async () => {
    vi.useFakeTimers();
    const sockets: FakeSocket[] = [];
    const client = createClient(
      wsTransport('ws://x/api', () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      }),
    );
    const links: string[] = [];
    client.onLink((l) => links.push(l));
    const events: unknown[] = [];
    client.on('prompts.closed', (p) => events.push(p));
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'event', name: 'prompts.closed', payload: { id: 'p1' } });
    expect(events).toEqual([{ id: 'p1' }]);

    const pending = client.call('session.snapshot', undefined).catch((e: unknown) => e);
    sockets[0]!.close();
    expect(await pending).toMatchObject({ code: 'disconnected' });
    expect(links).toEqual(['lost']);
    vi.advanceTimersByTime(RECONNECT_DELAY_MS);
    expect(sockets).toHaveLength(2);
    sockets[1]!.close();
    vi.advanceTimersByTime(RECONNECT_DELAY_MS);
    sockets[2]!.open();
    expect(links).toEqual(['lost', 'open']);
  });

  it('reports a page without its token as no-token, not as a link that will come back', () => {
    const sockets: FakeSocket[] = [];
    const transport = wsTransport(
      'ws://x/api',
      () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      { hasToken: false },
    );
    const links: string[] = [];
    transport.onLink((l) => links.push(l));
    sockets[0]!.close();
    expect(links).toEqual(['no-token']);
  });
});

describe('token', () => {
  function places(hash: string, stored?: string) {
    const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
    const replaced: string[] = [];
    return {
      storage,
      replaced,
      places: {
        location: { hash, pathname: '/', search: '?x=1' },
        storage: {
          getItem: (key: string) => storage.get(key) ?? null,
          setItem: (key: string, value: string) => void storage.set(key, value),
        },
        replaceUrl: (url: string) => void replaced.push(url),
      },
    };
  }

  it('moves the token from the address fragment to session storage, and off the address', () => {
    const first = places('#token=abc');
    expect(takeToken(first.places)).toBe('abc');
    expect(first.storage.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(first.replaced).toEqual(['/?x=1']);
  });

  it('keeps the stored token on a reload, and leaves a route in the fragment alone', () => {
    const reload = places('#/vm/a/b', 'abc');
    expect(takeToken(reload.places)).toBe('abc');
    expect(reload.replaced).toEqual([]);
    expect(takeToken(places('').places)).toBeUndefined();
  });

  it('offers the token as a subprotocol, never in the socket URL', () => {
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/api',
    );
    expect(apiSocketUrl({ protocol: 'https:', host: 'h' })).toBe('wss://h/api');
    const offered = apiProtocols('abc');
    expect(offered[0]).toBe(API_PROTOCOL);
    expect(tokenFromProtocols(offered)).toBe('abc');
    expect(tokenFromProtocols([API_PROTOCOL])).toBeUndefined();
  });
});
