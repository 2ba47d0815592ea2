/**
 * The New VM wizard's "Import an existing disk image" page over a scripted backend: once a path is
 * chosen it shows what newVm.diskInfo says (format, size, who detected it) and, for a foreign
 * format, the pool it is converted into, which on a host without a `default` pool starts at a pool
 * the host has; newVm.check gets that pool; qemu-img's refusal shows under the path, and goes
 * when the path changes.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/renderer/state/appStore';
import { NewVmWizard } from '../../../src/renderer/views/new-vm/NewVmWizard';
import type {
  DiskImageInfo,
  NewVmHostFacts,
  NewVmOptions,
} from '../../../src/shared/api/newVmTypes';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const FACTS: NewVmHostFacts = {
  memoryMiB: 8192,
  cpus: 4,
  maxVcpus: 4,
  virtTypes: ['qemu'],
  // No `default` pool: the first active one is where a conversion goes.
  pools: [
    { name: 'stopped', active: false, availableBytes: 0, path: '/srv/stopped' },
    { name: 'images ü', active: true, availableBytes: 5 * 1024 ** 3, path: '/srv/images' },
  ],
  networks: [{ name: 'default', active: true }],
  bridges: [],
  interfaces: [],
  vmNames: [],
};

const INFO: Record<string, DiskImageInfo> = {
  '/srv/in/app.vmdk': {
    format: 'vmdk',
    virtualSizeBytes: 2 * 1024 ** 3,
    needsConversion: true,
    detectedBy: 'libvirt',
  },
  '/srv/in/disk.qcow2': {
    format: 'qcow2',
    virtualSizeBytes: 1 << 30,
    needsConversion: false,
    detectedBy: 'qemu-img',
  },
};
const CUT = "qemu-img cannot read /srv/in/cut.vmdk: Could not open '/srv/in/cut.vmdk'";

function renderWizard(held: 'newVm.check'[] = []) {
  const checks: NewVmOptions[] = [];
  const backend = fakeBackend(
    {
      'newVm.hostFacts': () => FACTS,
      'newVm.osList': () => [],
      'newVm.osDefaults': () => {
        throw new Refusal({ code: 'not-found', message: 'no such OS' });
      },
      'newVm.browse': (p) => ({ path: (p as { path: string }).path, entries: [] }),
      'newVm.diskInfo': (p) => {
        const info = INFO[(p as { path: string }).path];
        if (!info) throw new Refusal({ code: 'invalid-input', message: CUT });
        return info;
      },
      'newVm.check': (p) => {
        const options = p as NewVmOptions;
        checks.push(options);
        if (options.source.kind === 'import' && options.source.path.endsWith('cut.vmdk')) {
          throw new Refusal({
            code: 'invalid-input',
            message: CUT,
            fields: { 'source.path': CUT },
          });
        }
      },
    },
    held,
  );
  renderWithServices(
    backend,
    <NewVmWizard
      connections={[{ id: 'c1', uri: 'qemu:///system', autoconnect: true }]}
      initialConnectionId="c1"
      onClose={() => {}}
    />,
    createAppStore(),
  );
  return { checks, backend };
}

const dialog = () => screen.getByRole('dialog');

async function choosePath(path: string) {
  const input = within(dialog()).getByLabelText<HTMLInputElement>('Disk image path on the host');
  fireEvent.change(input, { target: { value: path } });
  fireEvent.blur(input);
}

describe('New VM: import an existing disk image', { timeout: 30_000 }, () => {
  it('shows the detected format and converts into a pool the host has', async () => {
    const { checks } = renderWizard();
    fireEvent.click(within(dialog()).getByRole('radio', { name: 'Import an existing disk image' }));
    await choosePath('/srv/in/app.vmdk');
    const detected = await within(dialog()).findByRole('region', { name: 'The disk image' });
    expect(detected.textContent).toContain('VMDK image, 2.0 GiB');
    expect(detected.textContent).toContain('Detected by libvirt');
    expect(detected.textContent).toContain('converted to a new qcow2 volume');
    const pool = await within(dialog()).findByRole<HTMLSelectElement>('combobox', {
      name: 'Convert into pool',
    });
    await waitFor(() => expect(pool.value).toBe('images ü'));
    // Only active pools are offered.
    expect([...pool.options].map((o) => o.value)).toEqual(['images ü']);

    fireEvent.click(within(dialog()).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(checks).toHaveLength(1));
    expect(checks[0]?.source).toEqual({
      kind: 'import',
      path: '/srv/in/app.vmdk',
      pool: 'images ü',
    });
  });

  it('a qcow2 image boots as it is: no pool asked', async () => {
    renderWizard();
    fireEvent.click(within(dialog()).getByRole('radio', { name: 'Import an existing disk image' }));
    await choosePath('/srv/in/disk.qcow2');
    const detected = await within(dialog()).findByRole('region', { name: 'The disk image' });
    expect(detected.textContent).toContain('qcow2 image, 1.0 GiB');
    expect(detected.textContent).toContain('Detected by qemu-img on the host');
    expect(detected.textContent).toContain('boots this image as it is');
    expect(within(dialog()).queryByRole('combobox', { name: 'Convert into pool' })).toBeNull();
  });

  it("shows qemu-img's refusal under the path, and drops it when the path changes", async () => {
    renderWizard();
    fireEvent.click(within(dialog()).getByRole('radio', { name: 'Import an existing disk image' }));
    await choosePath('/srv/in/cut.vmdk');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Next' }));
    await within(dialog()).findAllByText(CUT);
    // Still the Source page.
    expect(within(dialog()).getByLabelText('Disk image path on the host')).toBeTruthy();
    await choosePath('/srv/in/disk.qcow2');
    await within(dialog()).findByRole('region', { name: 'The disk image' });
    expect(within(dialog()).queryAllByText(CUT)).toEqual([]);
  });

  it('drops a check answered after the path changed: no stale refusal, no page turned', async () => {
    const { backend } = renderWizard(['newVm.check']);
    fireEvent.click(within(dialog()).getByRole('radio', { name: 'Import an existing disk image' }));
    await choosePath('/srv/in/cut.vmdk');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(backend.waiting()).toBe(1));
    // The host is still being asked about cut.vmdk when another path is chosen.
    await choosePath('/srv/in/disk.qcow2');
    await within(dialog()).findByRole('region', { name: 'The disk image' });
    backend.release();
    await waitFor(() => expect(backend.waiting()).toBe(0));
    await new Promise((r) => setTimeout(r, 50));
    expect(within(dialog()).queryAllByText(CUT)).toEqual([]);
    expect(within(dialog()).getByLabelText('Disk image path on the host')).toBeTruthy();
  });
});
