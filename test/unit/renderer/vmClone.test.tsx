import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VmToolbar } from '../../../src/renderer/views/vm-list/VmToolbar';
import type { CloneDisk, ClonePlan } from '../../../src/shared/api/methods/vmClone';
import type { JobProgress, VmSummary } from '../../../src/shared/api/types';
import { createAppStore } from '../../../src/renderer/state/appStore';
import { vm } from './fixtures';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const POOL = '/var/lib/libvirt/images';

function disk(target: string, patch: Partial<CloneDisk> = {}): CloneDisk {
  return {
    target,
    device: 'disk',
    path: `${POOL}/${target}.qcow2`,
    pool: 'default',
    volume: `${target}.qcow2`,
    format: 'qcow2',
    capacityBytes: 1 << 30,
    modes: ['copy', 'linked', 'share'],
    defaultMode: 'copy',
    suggestedVolume: `web-clone-${target}.qcow2`,
    ...patch,
  };
}

/** A shut-off VM with a system disk, a data disk, a CD-ROM and a network disk. */
function planOf(patch: Partial<ClonePlan> = {}): ClonePlan {
  return {
    uuid: 'uuid-web',
    name: 'web',
    suggestedName: 'web-clone',
    active: false,
    template: false,
    disks: [
      disk('vda'),
      disk('vdb', { format: 'raw', suggestedVolume: 'web-clone-vdb.img' }),
      disk('sda', {
        device: 'cdrom',
        path: '/srv/iso/debian.iso',
        pool: undefined,
        volume: undefined,
        format: 'raw',
        modes: ['share'],
        defaultMode: 'share',
        limit: 'cdrom',
        suggestedVolume: undefined,
      }),
      disk('vdc', {
        path: 'rbd-pool/image',
        pool: undefined,
        volume: undefined,
        modes: ['share'],
        defaultMode: 'share',
        limit: 'not-a-volume',
        suggestedVolume: undefined,
      }),
    ],
    nvram: '/var/lib/libvirt/qemu/nvram/web_VARS.fd',
    tpm: true,
    identityReset: { package: 'guestfs-tools', operations: [] },
    ...patch,
  };
}

const WITH_SYSPREP: Partial<ClonePlan> = {
  identityReset: {
    tool: 'virt-sysprep',
    package: 'guestfs-tools',
    operations: ['machine-id', 'ssh-hostkeys', 'hostname'],
  },
};

function job(patch: Partial<JobProgress>): JobProgress {
  return {
    jobId: 'job-1',
    title: "Clone 'web'",
    connectionId: 'c1',
    phase: 'running',
    unit: 'steps',
    done: 1,
    total: 4,
    step: 'Copying disk vda',
    elapsedMs: 2000,
    cancellable: true,
    ...patch,
  };
}

/** The list's toolbar with `selected` VMs, over a backend answering the plan and the clone. */
function renderToolbar(selected: VmSummary[], opts: { plan?: ClonePlan; refuse?: Refusal } = {}) {
  const clones: unknown[] = [];
  const store = createAppStore();
  const backend = fakeBackend({
    'vms.clonePlan': () => opts.plan ?? planOf(),
    'vms.clone': (p) => {
      if (opts.refuse) throw opts.refuse;
      clones.push(p);
      // The backend's job runner announces the job before the call answers.
      store.jobProgress(job({ step: 'Checking' }));
      return { jobId: 'job-1', uuid: 'uuid-clone', name: (p as { name: string }).name };
    },
    'jobs.cancel': () => undefined,
  });
  const view = renderWithServices(
    backend,
    <VmToolbar
      filter={{ text: '', state: 'all', host: 'all' }}
      onFilter={() => {}}
      connections={[]}
      selectedVms={selected}
      usable={() => true}
      onAddConnection={() => {}}
      onSettings={() => {}}
    />,
    store,
  );
  return { clones, backend, store: view.store };
}

async function openDialog() {
  fireEvent.click(screen.getByRole('button', { name: 'Clone' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByLabelText(/^Name of the clone/);
  return dialog;
}

const submit = (dialog: HTMLElement) =>
  fireEvent.click(within(dialog).getByRole('button', { name: 'Clone' }));

// A required field's label ends with its asterisk.
const field = (dialog: HTMLElement, label: string) =>
  within(dialog).getByLabelText<HTMLInputElement>(label, { exact: false });

const modeSelect = (dialog: HTMLElement, diskTitle: string) =>
  within(dialog).getByLabelText<HTMLSelectElement>(`How to clone ${diskTitle}`);

const optionsOf = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent);

describe('Clone VM dialog', () => {
  it('the Clone button wants exactly one VM', () => {
    renderToolbar([]);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Clone' }).disabled).toBe(true);
    cleanup();
    renderToolbar([vm('web'), vm('db')]);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Clone' }).disabled).toBe(true);
    cleanup();
    renderToolbar([vm('web', { state: 'shutoff' })]);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Clone' }).disabled).toBe(false);
  });

  it('shows the plan: name, each disk with its modes and volume, what is copied too', async () => {
    renderToolbar([vm('web', { state: 'shutoff' })]);
    const dialog = await openDialog();

    expect(field(dialog, 'Name of the clone').value).toBe('web-clone');
    expect(optionsOf(modeSelect(dialog, 'Disk vda'))).toEqual([
      'Copy',
      'Linked (qcow2 overlay)',
      'Share',
    ]);
    expect(modeSelect(dialog, 'Disk vda').value).toBe('copy');
    expect(field(dialog, 'New volume for Disk vda').value).toBe('web-clone-vda.qcow2');
    expect(field(dialog, 'New volume for Disk vdb').value).toBe('web-clone-vdb.img');
    const text = dialog.textContent ?? '';
    expect(text).toContain(`${POOL}/vda.qcow2 · qcow2 · 1.0 GiB`);
    expect(text).toContain('A new volume with the same content');
    expect(text).toContain('Made in pool default.');

    // A CD-ROM and a network disk are only shared, and say why; no volume name for them.
    expect(optionsOf(modeSelect(dialog, 'CD-ROM sda'))).toEqual(['Share']);
    expect(text).toContain('Only shared: it is a CD-ROM.');
    expect(text).toContain('Only shared: it is a network or block disk');
    expect(within(dialog).queryByLabelText('New volume for CD-ROM sda')).toBeNull();
    expect(within(dialog).queryByLabelText('New volume for Disk vdc')).toBeNull();

    const also = within(dialog).getByRole('list', { name: 'Also copied' });
    expect(
      within(also)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'The NVRAM file /var/lib/libvirt/qemu/nvram/web_VARS.fd (UEFI variables)',
      'The state of its emulated TPM',
    ]);
    // No virt-sysprep on the host: the package that brings it, no checkbox.
    expect(text).toContain('install guestfs-tools on the host');
    expect(within(dialog).queryByRole('checkbox', { name: /Machine ID/ })).toBeNull();
    expect(text).not.toContain('is running');
    expect(text).not.toContain('becomes a template');
  });

  it('sends vms.clone the name, every disk as chosen, the identity reset and start', async () => {
    const { clones } = renderToolbar([vm('web', { state: 'shutoff' })], {
      plan: planOf(WITH_SYSPREP),
    });
    const dialog = await openDialog();
    // A new name: the volume names not typed follow it.
    fireEvent.change(field(dialog, 'Name of the clone'), { target: { value: "db 'ü' $(x);" } });
    expect(field(dialog, 'New volume for Disk vda').value).toBe("db 'ü' $(x);-vda.qcow2");
    // vda linked: the original becomes a template, the dialog says so.
    fireEvent.change(modeSelect(dialog, 'Disk vda'), { target: { value: 'linked' } });
    expect(dialog.textContent).toContain(
      "With a linked disk, 'web' becomes a template: it stays shut off",
    );
    fireEvent.change(field(dialog, 'New volume for Disk vda'), { target: { value: 'base.qcow2' } });
    // vdb shared: its volume field goes.
    fireEvent.change(modeSelect(dialog, 'Disk vdb'), { target: { value: 'share' } });
    expect(within(dialog).queryByLabelText('New volume for Disk vdb')).toBeNull();

    expect(dialog.textContent).toContain("Reset inside the clone's disks with virt-sysprep");
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Machine ID (/etc/machine-id)' }));
    expect(within(dialog).queryByLabelText('New hostname')).toBeNull();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Hostname' }));
    fireEvent.change(field(dialog, 'New hostname'), { target: { value: 'db1' } });
    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Start the clone when it is made' }),
    );
    submit(dialog);

    await waitFor(() => expect(clones).toHaveLength(1));
    expect(clones[0]).toEqual({
      connectionId: 'c1',
      uuid: 'uuid-web',
      name: "db 'ü' $(x);",
      disks: [
        { target: 'vda', mode: 'linked', volume: 'base.qcow2' },
        { target: 'vdb', mode: 'share' },
        { target: 'sda', mode: 'share' },
        { target: 'vdc', mode: 'share' },
      ],
      pauseSource: false,
      identityReset: { operations: ['machine-id', 'hostname'], hostname: 'db1' },
      start: true,
    });
  });

  it('a running source: pausing it must be accepted, and linked is not offered', async () => {
    const { clones } = renderToolbar([vm('web', { state: 'running' })], {
      plan: planOf({ active: true }),
    });
    const dialog = await openDialog();
    expect(dialog.textContent).toContain("'web' is running. Its disks can only be copied while");
    expect(optionsOf(modeSelect(dialog, 'Disk vda'))).toEqual(['Copy', 'Share']);
    expect(dialog.textContent).toContain('Linked is not offered while the virtual machine runs.');
    const button = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Clone' });
    expect(button.disabled).toBe(true);
    submit(dialog);
    expect(clones).toEqual([]);

    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: /Pause the VM while its disks are copied/ }),
    );
    expect(button.disabled).toBe(false);
    submit(dialog);
    await waitFor(() => expect(clones).toHaveLength(1));
    expect(clones[0]).toMatchObject({
      pauseSource: true,
      disks: [
        { target: 'vda', mode: 'copy', volume: 'web-clone-vda.qcow2' },
        { target: 'vdb', mode: 'copy', volume: 'web-clone-vdb.img' },
        { target: 'sda', mode: 'share' },
        { target: 'vdc', mode: 'share' },
      ],
    });
  });

  it("shows the backend's refusal beside the fields it names, the rest above the form", async () => {
    renderToolbar([vm('web', { state: 'shutoff' })], {
      refuse: new Refusal({
        code: 'invalid-input',
        message: 'A virtual machine named web-clone already exists',
        fields: {
          name: 'A virtual machine named web-clone already exists',
          'disks.1.volume': 'Pool default already has a volume web-clone-vdb.img',
          space: 'Pool default has 1.0 GiB free; the copies need 2.0 GiB',
        },
      }),
    });
    const dialog = await openDialog();
    submit(dialog);

    const nameGroup = (await within(dialog).findByText(/named web-clone already exists/)).closest(
      '.pf-v6-c-form__group',
    );
    expect(nameGroup?.querySelector('input')?.id).toBe('vd-vm-clone-name');
    const volumeGroup = within(dialog)
      .getByText('Pool default already has a volume web-clone-vdb.img')
      .closest('.pf-v6-c-form__group');
    expect(volumeGroup?.querySelector('input')?.value).toBe('web-clone-vdb.img');
    const alert = within(dialog).getByText("Could not clone 'web'").closest('.pf-v6-c-alert');
    expect(alert?.textContent).toContain('the copies need 2.0 GiB');
    // Typing a new name clears its error; the volume's stays until it changes.
    fireEvent.change(field(dialog, 'Name of the clone'), { target: { value: 'web-2' } });
    expect(within(dialog).queryByText(/named web-clone already exists/)).toBeNull();
    expect(within(dialog).getByText(/already has a volume/)).toBeTruthy();
  });

  it("follows the clone's job with Cancel, then links to the clone", async () => {
    const { backend, store } = renderToolbar([vm('web', { state: 'shutoff' })]);
    const dialog = await openDialog();
    submit(dialog);
    const progress = await screen.findByRole('dialog', { name: "Cloning 'web'" });
    act(() => store.jobProgress(job({})));
    expect(progress.textContent).toContain('Copying disk vda');
    // Nothing closes the dialog while the job runs but the job's own Cancel.
    expect(
      within(progress).getByRole<HTMLButtonElement>('button', { name: 'Close' }).disabled,
    ).toBe(true);
    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(backend.count('jobs.cancel')).toBe(1));
    expect(backend.calls.find((c) => c.method === 'jobs.cancel')?.params).toEqual({
      jobId: 'job-1',
    });

    // The job ends; the clone is in the list under the UUID its host gave it.
    act(() => {
      store.vmDelta({
        connectionId: 'c1',
        upsert: [vm('web-clone', { uuid: 'uuid-defined', state: 'shutoff' })],
        remove: [],
      });
      store.jobProgress(job({ phase: 'done', done: 4, cancellable: false }));
    });
    expect(progress.textContent).toContain("'web-clone' is ready");
    fireEvent.click(within(progress).getByRole('button', { name: "Open 'web-clone'" }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(window.location.hash).toBe('#/vm/c1/uuid-defined');
  });

  it('a failed job says why and can be closed', async () => {
    const { store } = renderToolbar([vm('web', { state: 'shutoff' })]);
    submit(await openDialog());
    const progress = await screen.findByRole('dialog', { name: "Cloning 'web'" });
    act(() =>
      store.jobProgress(
        job({
          phase: 'failed',
          cancellable: false,
          error: { code: 'libvirt', message: 'No space left on device' },
        }),
      ),
    );
    expect(progress.textContent).toContain('No space left on device');
    expect(progress.textContent).not.toContain('is ready');
    fireEvent.click(within(progress).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
