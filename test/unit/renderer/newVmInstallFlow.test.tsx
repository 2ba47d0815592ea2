/**
 * The wizard's ISO source over a scripted backend: "Upload an ISO" into the pool the select
 * shows, on a host without a `default` pool (the host's only pool, with no touch of the select)
 * and after the user chose another pool; the storage browser lists a pool's ISO images and
 * fills the ISO path with the one picked.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NewVmWizard } from '../../../src/renderer/views/new-vm/NewVmWizard';
import type { VolumeSummary } from '../../../src/shared/api/methods/storage';
import type { NewVmHostFacts } from '../../../src/shared/api/newVmTypes';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const pool = (name: string, path: string) => ({
  name,
  active: true,
  availableBytes: 10 << 30,
  path,
});

function facts(pools: NewVmHostFacts['pools']): NewVmHostFacts {
  return {
    memoryMiB: 8192,
    cpus: 4,
    maxVcpus: 4,
    virtTypes: ['qemu'],
    pools,
    networks: [{ name: 'default', active: true }],
    bridges: [],
    interfaces: [],
    vmNames: [],
  };
}

function volume(name: string, format: string, capacity: number): VolumeSummary {
  return {
    pool: 'lab pool ü',
    name,
    type: 'file',
    format,
    capacity,
    allocation: capacity,
    path: `/srv/lab/${name}`,
    usedBy: [],
  };
}

function renderWizard(hostPools: NewVmHostFacts['pools']) {
  const backend = fakeBackend({
    'newVm.hostFacts': () => facts(hostPools),
    'newVm.osList': () => [],
    'newVm.osDefaults': () => {
      throw new Refusal({ code: 'not-found', message: 'no such OS' });
    },
    'newVm.detectOs': () => ({}),
    'newVm.browse': () => ({ dir: '/home/u', entries: [] }),
    'storage.volumes.upload': () => ({ jobId: 'job-up', url: 'http://127.0.0.1:9/none' }),
    'storage.pools.list': () =>
      hostPools.map((p) => ({
        name: p.name,
        uuid: `uuid-${p.name}`,
        type: 'dir',
        state: 'running',
        active: true,
        persistent: true,
        autostart: true,
        capacity: 1 << 30,
        allocation: 0,
        available: 1 << 30,
        path: p.path,
      })),
    'storage.volumes.list': () => [
      volume('debian ü.iso', 'iso', 650 << 20),
      volume('disk.qcow2', 'qcow2', 1 << 30),
    ],
  });
  renderWithServices(
    backend,
    <NewVmWizard
      connections={[{ id: 'c1', uri: 'qemu:///system', autoconnect: true }]}
      initialConnectionId="c1"
      onClose={() => {}}
    />,
  );
  return backend;
}

const dialog = () => screen.getByRole('dialog');

async function uploadRegion() {
  return within(dialog()).findByRole('region', { name: 'Upload an ISO' });
}

async function chooseFileAndUpload(region: HTMLElement) {
  const input = region.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  const file = new File([new Uint8Array(2048)], 'mini ü.iso');
  fireEvent.change(input, { target: { files: [file] } });
  const button = within(region).getByRole('button', { name: 'Upload' });
  await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
  fireEvent.click(button);
}

function uploadCalls(backend: ReturnType<typeof fakeBackend>) {
  return backend.calls
    .filter((c) => c.method === 'storage.volumes.upload')
    .map((c) => (c.params as { pool: string }).pool);
}

describe('Upload an ISO into a pool', () => {
  it('on a host without a default pool, uploads into the pool the select shows', async () => {
    const backend = renderWizard([pool('lab pool ü', '/srv/lab')]);
    const region = await uploadRegion();
    const select = await within(region).findByRole<HTMLSelectElement>('combobox', {
      name: 'Into pool',
    });
    await waitFor(() => expect(select.value).toBe('lab pool ü'));
    await chooseFileAndUpload(region);
    await waitFor(() => expect(uploadCalls(backend)).toEqual(['lab pool ü']));
  });

  it('uploads into the pool the user chose', async () => {
    const backend = renderWizard([pool('default', '/var/lib/libvirt/images'), pool('lab', '/l')]);
    const region = await uploadRegion();
    const select = await within(region).findByRole<HTMLSelectElement>('combobox', {
      name: 'Into pool',
    });
    await waitFor(() => expect(select.value).toBe('default'));
    fireEvent.change(select, { target: { value: 'lab' } });
    await chooseFileAndUpload(region);
    await waitFor(() => expect(uploadCalls(backend)).toEqual(['lab']));
  });
});

describe('the storage browser', () => {
  it('lists the pool’s ISO images with their sizes and fills the ISO path', async () => {
    renderWizard([pool('lab pool ü', '/srv/lab')]);
    fireEvent.click(
      await within(dialog()).findByRole('button', { name: 'Choose from a storage pool' }),
    );
    const browser = await within(dialog()).findByRole('region', {
      name: "Volumes in the host's storage pools",
    });
    const iso = await within(browser).findByRole('button', { name: 'debian ü.iso' });
    expect(within(browser).queryByRole('button', { name: 'disk.qcow2' })).toBeNull();
    expect(within(browser).getByText('650.0 MiB')).toBeTruthy();
    fireEvent.click(within(browser).getByRole('checkbox', { name: 'ISO images only' }));
    await within(browser).findByRole('button', { name: 'disk.qcow2' });
    fireEvent.click(iso);
    await waitFor(() =>
      expect(
        within(dialog()).getByRole<HTMLInputElement>('textbox', { name: 'ISO path on the host' })
          .value,
      ).toBe('/srv/lab/debian ü.iso'),
    );
  });
});
