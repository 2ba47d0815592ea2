import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useApiQuery } from '../../../src/renderer/state/queries';
import { fakeBackend, renderWithServices } from './support/fakeBackend';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function PoolNames() {
  const pools = useApiQuery('storage.pools.list', { connectionId: 'c1' });
  return <p>{pools.data ? `pools: ${pools.data.map((p) => p.name).join(',')}` : 'loading'}</p>;
}

const pool = (name: string) => ({ name }) as never;

describe('queries fed by events', () => {
  it('a burst of pool events on the connection costs one read; others cost none', async () => {
    let names = ['default'];
    const backend = fakeBackend({ 'storage.pools.list': () => names.map(pool) });
    renderWithServices(backend, <PoolNames />);
    await screen.findByText('pools: default');
    vi.useFakeTimers();
    names = ['default', 'iso'];

    act(() => {
      backend.emit('host.resourcesChanged', { connectionId: 'c2', kind: 'pool', name: 'x' });
      backend.emit('host.resourcesChanged', { connectionId: 'c1', kind: 'network', name: 'n' });
      // A pool start: defined, then started.
      backend.emit('host.resourcesChanged', { connectionId: 'c1', kind: 'pool', name: 'iso' });
      backend.emit('host.resourcesChanged', { connectionId: 'c1', kind: 'pool', name: 'iso' });
    });
    await act(() => vi.runAllTimersAsync());

    expect(screen.getByText('pools: default,iso')).toBeTruthy();
    expect(backend.count('storage.pools.list')).toBe(2);
  });
});

describe('the newest read wins', () => {
  it('a pool event during a read under way reads again, and the later list is the one shown', async () => {
    let names = ['default'];
    const backend = fakeBackend({ 'storage.pools.list': () => names.map(pool) }, [
      'storage.pools.list',
    ]);
    renderWithServices(backend, <PoolNames />);
    await act(async () => backend.release());
    await screen.findByText('pools: default');
    vi.useFakeTimers();

    // A pool stopped: its read starts...
    act(() =>
      backend.emit('host.resourcesChanged', { connectionId: 'c1', kind: 'pool', name: 'iso' }),
    );
    await act(() => vi.runAllTimersAsync());
    expect(backend.waiting()).toBe(1);
    // ...and before it comes back the pool is deleted.
    names = [];
    act(() =>
      backend.emit('host.resourcesChanged', { connectionId: 'c1', kind: 'pool', name: 'iso' }),
    );
    await act(() => vi.runAllTimersAsync());
    await act(async () => backend.release());
    await act(() => vi.runAllTimersAsync());

    expect(backend.count('storage.pools.list')).toBe(3);
    expect(screen.getByText('pools:')).toBeTruthy();
  });
});

function SnapshotNames({ uuid }: { uuid: string }) {
  const list = useApiQuery('vms.snapshots.list', { connectionId: 'c1', uuid });
  const names = list.data?.snapshots.map((s) => s.name).join(',');
  return <p>{names === undefined ? 'loading' : `snapshots: ${names}`}</p>;
}

describe("a VM's snapshots", () => {
  it('are read again on an event of that VM (a snapshot taken or a revert), not of another', async () => {
    let names: string[] = [];
    const backend = fakeBackend({
      'vms.snapshots.list': () => ({
        snapshots: names.map((name) => ({ name }) as never),
        capability: { mode: 'internal' },
      }),
    });
    renderWithServices(backend, <SnapshotNames uuid="u-web" />);
    await screen.findByText('snapshots:');
    names = ['before upgrade'];

    const delta = (uuid: string) => ({
      connectionId: 'c1',
      upsert: [{ uuid } as never],
      remove: [],
    });
    act(() => backend.emit('vms.delta', delta('u-db')));
    await act(async () => {});
    expect(backend.count('vms.snapshots.list')).toBe(1);

    act(() => backend.emit('vms.delta', delta('u-web')));
    await screen.findByText('snapshots: before upgrade');
    expect(backend.count('vms.snapshots.list')).toBe(2);
  });
});

function SshAliases() {
  const [ask, setAsk] = useState(false);
  const aliases = useApiQuery('connections.sshAliases', ask ? null : undefined);
  return (
    <>
      <button onClick={() => setAsk(true)}>ask</button>
      <p>{aliases.data ? `aliases: ${aliases.data.join(',')}` : 'none asked'}</p>
    </>
  );
}

describe('a method that takes no parameters', () => {
  it('is read when asked with null, and not while its params are undefined', async () => {
    const backend = fakeBackend({ 'connections.sshAliases': () => ['kvm1', 'kvm2'] });
    renderWithServices(backend, <SshAliases />);
    await act(async () => {});
    expect(screen.getByText('none asked')).toBeTruthy();
    expect(backend.count('connections.sshAliases')).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: 'ask' }));
    await screen.findByText('aliases: kvm1,kvm2');
    expect(backend.calls).toEqual([{ method: 'connections.sshAliases', params: undefined }]);
  });
});
