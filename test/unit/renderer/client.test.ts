import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src/renderer/api/apiError';
import { createClient } from '../../../src/renderer/api/client';
import { apiSocketUrl, tokenFromSearch, urlWithoutToken } from '../../../src/renderer/api/token';
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
});

describe('token', () => {
  it('reads the token, builds the socket URL and drops it from the page URL', () => {
    expect(tokenFromSearch('?token=abc&x=1')).toBe('abc');
    expect(tokenFromSearch('')).toBeUndefined();
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'a b')).toBe(
      'ws://127.0.0.1:8080/api?token=a%20b',
    );
    expect(apiSocketUrl({ protocol: 'https:', host: 'h' }, undefined)).toBe('wss://h/api');
    expect(urlWithoutToken('http://h/?token=abc&x=1#/vm/a/b')).toBe('http://h/?x=1#/vm/a/b');
  });
});
