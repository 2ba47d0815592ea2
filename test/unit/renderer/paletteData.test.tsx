/**
 * The command palette (Ctrl+K) finds networks and pools by name although no page that shows them
 * was opened: it reads them for every connected host when it opens, through the query cache.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/renderer/state/appStore';
import { fakeBackend, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const network = (name: string, active: boolean) => ({ name, uuid: `n-${name}`, active });
const pool = (name: string, active: boolean) => ({ name, uuid: `p-${name}`, active });

function setup() {
  const backend = fakeBackend({
    'networks.list': (params) =>
      (params as { connectionId: string }).connectionId === 'c1'
        ? [network('lab-nat', true)]
        : [network('other-isolated', false)],
    'storage.pools.list': (params) =>
      (params as { connectionId: string }).connectionId === 'c1' ? [pool('iso-images', false)] : [],
  });
  const store = createAppStore();
  store.setConnections([
    { id: 'c1', uri: 'qemu+ssh://kvm1/system', label: 'kvm1', autoconnect: true },
    { id: 'c2', uri: 'qemu+ssh://kvm2/system', label: 'kvm2', autoconnect: true },
    { id: 'c3', uri: 'qemu+ssh://kvm3/system', label: 'kvm3', autoconnect: false },
  ]);
  store.hostStatus({ connectionId: 'c1', phase: 'connected' });
  store.hostStatus({ connectionId: 'c2', phase: 'connected' });
  store.hostStatus({ connectionId: 'c3', phase: 'disconnected', reason: 'No route to host' });
  renderWithServices(backend, <main />, store);
  return { backend, store };
}

const openPalette = () =>
  act(() => {
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
  });

const options = () => screen.queryAllByRole('option').map((o) => o.textContent ?? '');

describe('the command palette', () => {
  it('reads nothing before it opens', () => {
    const { backend } = setup();
    expect(backend.count('networks.list')).toBe(0);
    expect(backend.count('storage.pools.list')).toBe(0);
  });

  it('reads the networks and pools of every connected host when it opens, and finds them', async () => {
    const { backend } = setup();
    openPalette();
    const input = await screen.findByRole('combobox');
    await waitFor(() => expect(backend.count('networks.list')).toBe(2));
    expect(backend.count('storage.pools.list')).toBe(2);
    // Only connected hosts are asked.
    const asked = backend.calls
      .filter((c) => c.method === 'networks.list')
      .map((c) => (c.params as { connectionId: string }).connectionId);
    expect(asked.sort()).toEqual(['c1', 'c2']);

    fireEvent.change(input, { target: { value: 'lab-nat' } });
    await waitFor(() => expect(options().some((o) => o.includes('lab-nat'))).toBe(true));
    expect(options().some((o) => o.includes('lab-nat') && o.includes('Stop network'))).toBe(true);

    fireEvent.change(input, { target: { value: 'other-isolated' } });
    await waitFor(() => expect(options().some((o) => o.includes('other-isolated'))).toBe(true));
    expect(options().find((o) => o.includes('other-isolated'))).toContain('kvm2');

    fireEvent.change(input, { target: { value: 'iso-images' } });
    await waitFor(() => expect(options().some((o) => o.includes('iso-images'))).toBe(true));
    expect(options().some((o) => o.includes('iso-images') && o.includes('Start pool'))).toBe(true);
  });
});
