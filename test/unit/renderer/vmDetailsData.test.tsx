import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/renderer/state/appStore';
import { MemoryCard } from '../../../src/renderer/views/vm-details/cards/MemoryCard';
import { useVmDetails } from '../../../src/renderer/views/vm-details/useVmDetails';
import type { VmDetails, VmEdit } from '../../../src/shared/api/vmDetailsTypes';
import { vm } from './fixtures';
import { vmDetails } from './support/details';
import { fakeBackend, renderWithServices, type FakeBackend } from './support/fakeBackend';

afterEach(cleanup);

const summary = vm('web', { state: 'shutoff' });

function MemoryPage() {
  const state = useVmDetails(summary.connectionId, summary.uuid);
  return state.details ? <MemoryCard details={state.details} state={state} /> : <p>loading</p>;
}

/** A backend whose VM takes memory edits; vms.details answers only when the test releases it. */
function memoryBackend() {
  let details = vmDetails({ uuid: summary.uuid });
  const backend = fakeBackend(
    {
      'vms.details': () => details,
      'vms.edit': (params) => {
        const { edit } = params as { edit: Extract<VmEdit, { kind: 'memory' }> };
        details = { ...details, memory: { ...details.memory, currentKiB: edit.currentKiB } };
        return { needsRestart: false };
      },
    },
    ['vms.details'],
  );
  return {
    backend,
    change(next: Partial<VmDetails>) {
      details = { ...details, ...next };
    },
  };
}

/** Answers held reads until none is left (a read that starts another is answered too). */
async function settle(backend: FakeBackend) {
  while (backend.waiting() > 0) await act(async () => backend.release());
}

/** libvirt's define event, as the backend passes it on: the VM's row again. */
function defineEvent(backend: FakeBackend) {
  act(() =>
    backend.emit('vms.delta', { connectionId: 'c1', upsert: [{ ...summary }], remove: [] }),
  );
}

async function renderMemoryPage(backend: FakeBackend) {
  const store = createAppStore();
  store.vmDelta({ connectionId: 'c1', reset: true, upsert: [summary], remove: [] });
  renderWithServices(backend, <MemoryPage />, store);
  await settle(backend);
  return screen.findByLabelText('Current memory (MiB)');
}

describe('VM details data', () => {
  it('one memory edit costs one vms.details read: the define event joins the edit’s own read', async () => {
    const { backend } = memoryBackend();
    const current = await renderMemoryPage(backend);
    expect(backend.count('vms.details')).toBe(1);

    fireEvent.change(current, { target: { value: '512' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply memory' }));
    // The edit went through; its read of the new definition is under way...
    await waitFor(() => expect(backend.waiting()).toBe(1));
    expect(backend.count('vms.edit')).toBe(1);
    // ...when the event of its define arrives.
    defineEvent(backend);
    await settle(backend);

    expect(backend.count('vms.details')).toBe(2);
    expect(screen.getByLabelText<HTMLInputElement>('Current memory (MiB)').value).toBe('512');
  });

  it('a change made elsewhere (an event with no read under way) is read and shown', async () => {
    const { backend, change } = memoryBackend();
    await renderMemoryPage(backend);
    change({ memory: { maximumKiB: 2097152, currentKiB: 2097152, sharedMemory: false } });

    defineEvent(backend);
    await settle(backend);

    expect(backend.count('vms.details')).toBe(2);
    expect(screen.getByLabelText<HTMLInputElement>('Maximum memory (MiB)').value).toBe('2048');
  });

  it('an event about another VM reads nothing', async () => {
    const { backend } = memoryBackend();
    await renderMemoryPage(backend);
    act(() => backend.emit('vms.delta', { connectionId: 'c1', upsert: [vm('db')], remove: [] }));
    await settle(backend);
    expect(backend.count('vms.details')).toBe(1);
  });
});
