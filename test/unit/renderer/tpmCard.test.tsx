import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TpmCard } from '../../../src/renderer/views/vm-details/cards/TpmCard';
import { useVmDetails } from '../../../src/renderer/views/vm-details/useVmDetails';
import type { DeviceView, VmEdit } from '../../../src/shared/api/vmDetailsTypes';
import { vmDetails } from './support/details';
import { fakeBackend, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const tpm: Extract<DeviceView, { kind: 'tpm' }> = {
  key: 'tpm:0',
  kind: 'tpm',
  element: 'tpm',
  label: 'tpm-crb',
  model: 'tpm-crb',
  backend: 'emulator',
  version: '2.0',
  inConfig: true,
  inLive: false,
  xml: '<tpm model="tpm-crb"/>',
};

function Card({ device = tpm }: { device?: typeof tpm }) {
  const state = useVmDetails('c1', 'uuid-web');
  return state.details ? <TpmCard device={device} state={state} /> : <p>loading</p>;
}

/** The TPM card of a guest of `arch`; returns the edits it sends. */
async function renderTpm(arch: string, device = tpm) {
  const edits: VmEdit[] = [];
  const backend = fakeBackend({
    'vms.details': () => vmDetails({ arch, devices: [device] }),
    'vms.edit': (params) => {
      edits.push((params as { edit: VmEdit }).edit);
      return { needsRestart: true };
    },
  });
  renderWithServices(backend, <Card device={device} />);
  const card = await screen.findByRole('article', { name: `TPM ${device.label}` });
  const model = within(card).getByLabelText<HTMLSelectElement>('Model');
  return { card, edits, models: [...model.options].map((o) => o.value) };
}

describe('TPM card', () => {
  it('offers the POWER models only to a POWER guest', async () => {
    expect((await renderTpm('x86_64')).models).toEqual(['tpm-crb', 'tpm-tis']);
    cleanup();
    expect((await renderTpm('ppc64le')).models).toEqual([
      'tpm-crb',
      'tpm-tis',
      'tpm-spapr',
      'spapr-tpm-proxy',
    ]);
  });

  it('sends the whole setting, typed, when one choice changed', async () => {
    const { card, edits } = await renderTpm('x86_64');
    fireEvent.change(within(card).getByLabelText('Version'), { target: { value: '1.2' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(edits).toEqual([
        {
          kind: 'deviceSettings',
          key: 'tpm:0',
          settings: { device: 'tpm', model: 'tpm-crb', version: '1.2' },
        },
      ]),
    );
  });

  it('keeps a model the app does not list: shown as it is and sent back, never replaced', async () => {
    const newer = { ...tpm, label: 'tpm-future', model: 'tpm-future' };
    const { card, edits, models } = await renderTpm('x86_64', newer);
    expect(models).toEqual(['tpm-future', 'tpm-crb', 'tpm-tis']);
    expect(within(card).getByLabelText<HTMLSelectElement>('Model').value).toBe('tpm-future');
    fireEvent.change(within(card).getByLabelText('Version'), { target: { value: '1.2' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(edits).toEqual([
        {
          kind: 'deviceSettings',
          key: 'tpm:0',
          settings: { device: 'tpm', model: 'tpm-future', version: '1.2' },
        },
      ]),
    );
  });
});
