import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCard } from '../../../src/renderer/views/vm-details/cards/MemoryCard';
import { NicCard } from '../../../src/renderer/views/vm-details/cards/NicCard';
import { useVmDetails } from '../../../src/renderer/views/vm-details/useVmDetails';
import type { VmDetails, VmEdit } from '../../../src/shared/api/vmDetailsTypes';
import { nicView, vmDetails } from './support/details';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const nic = nicView();

/** The Details tab's way: the cards get the VM's details and the state that edits it. */
function Cards() {
  const state = useVmDetails('c1', 'uuid-web');
  if (!state.details) return <p>loading</p>;
  return (
    <>
      <MemoryCard details={state.details} state={state} />
      <NicCard device={nic} state={state} />
    </>
  );
}

/** Renders the two cards; `refuse` makes the backend refuse every edit with that message. */
async function renderCards(refuse?: string) {
  const edits: VmEdit[] = [];
  const details: VmDetails = vmDetails({ devices: [nic] });
  const backend = fakeBackend({
    'vms.details': () => details,
    'vms.edit': (params) => {
      if (refuse) throw new Refusal({ code: 'libvirt', message: refuse });
      edits.push((params as { edit: VmEdit }).edit);
      return { needsRestart: false };
    },
  });
  renderWithServices(backend, <Cards />);
  await screen.findByRole('article', { name: 'Memory' });
  return { edits, backend };
}

describe('VM details cards', () => {
  it('Memory: shows the current and maximum in MiB and applies both, in KiB', async () => {
    const { edits } = await renderCards();
    const card = screen.getByRole('article', { name: 'Memory' });
    const current = within(card).getByLabelText<HTMLInputElement>('Current memory (MiB)');
    const maximum = within(card).getByLabelText<HTMLInputElement>('Maximum memory (MiB)');
    expect([current.value, maximum.value]).toEqual(['1024', '1024']);
    expect(within(card).getByText('Host memory: 8.0 GiB')).toBeTruthy();

    fireEvent.change(current, { target: { value: '512' } });
    fireEvent.change(maximum, { target: { value: '2048' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Apply memory' }));

    await waitFor(() =>
      expect(edits).toEqual([{ kind: 'memory', currentKiB: 524288, maximumKiB: 2097152 }]),
    );
  });

  it('Memory: a refused edit is said in the card, in the backend’s words', async () => {
    await renderCards('cannot set memory higher than max memory');
    const card = screen.getByRole('article', { name: 'Memory' });
    fireEvent.click(within(card).getByRole('button', { name: 'Apply memory' }));
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('The change was refused');
    expect(alert.textContent).toContain('cannot set memory higher than max memory');
  });

  it('NIC: shows its source and model, and sends only the model when only the model changed', async () => {
    const { edits } = await renderCards();
    const card = screen.getByRole('article', { name: 'NIC 52:54:00:12:34:56' });
    expect(within(card).getByLabelText<HTMLSelectElement>('Source type').value).toBe('network');
    expect(within(card).getByLabelText<HTMLInputElement>('Network, bridge or device').value).toBe(
      'default',
    );
    const model = within(card).getByLabelText<HTMLSelectElement>('Model');
    expect(model.value).toBe('virtio');
    // macvtap's mode shows only for a host device.
    expect(within(card).queryByLabelText('macvtap mode')).toBeNull();

    fireEvent.change(model, { target: { value: 'e1000e' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Apply' }));

    await waitFor(() =>
      expect(edits).toEqual([
        { kind: 'interface', key: nic.key, source: undefined, model: 'e1000e' },
      ]),
    );
  });

  it('NIC: the link switch sets the link down at once', async () => {
    const { edits } = await renderCards();
    const card = screen.getByRole('article', { name: 'NIC 52:54:00:12:34:56' });
    const link = within(card).getByLabelText<HTMLInputElement>('Link up');
    expect(link.checked).toBe(true);
    fireEvent.click(link);
    await waitFor(() =>
      expect(edits).toEqual([{ kind: 'interface', key: nic.key, linkUp: false }]),
    );
  });

  it('NIC: a host device source asks for the macvtap mode and sends the whole source', async () => {
    const { edits } = await renderCards();
    const card = screen.getByRole('article', { name: 'NIC 52:54:00:12:34:56' });
    fireEvent.change(within(card).getByLabelText('Source type'), { target: { value: 'direct' } });
    fireEvent.change(within(card).getByLabelText('Network, bridge or device'), {
      target: { value: 'eth0' },
    });
    expect(within(card).getByLabelText<HTMLSelectElement>('macvtap mode').value).toBe('bridge');
    fireEvent.click(within(card).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(edits).toEqual([
        {
          kind: 'interface',
          key: nic.key,
          source: { direct: 'eth0', mode: 'bridge' },
          model: undefined,
        },
      ]),
    );
  });
});
