/**
 * The New VM wizard's "From a template" source over a scripted backend: the host's templates to
 * pick, linked or full copy as the clone plan offers them, identity reset as the host can do it
 * (or the package to install), the install-only pages left out, and Create sending vms.clone with
 * the pages' memory, vCPUs and network, each disk's mode and the new volume names; a clone refusal
 * naming a field goes back to that field's page; the job's end opens the new VM's console.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/renderer/state/appStore';
import { NewVmWizard } from '../../../src/renderer/views/new-vm/NewVmWizard';
import type { ClonePlan, CloneOptions } from '../../../src/shared/api/methods/vmClone';
import type { NewVmHostFacts } from '../../../src/shared/api/newVmTypes';
import { vm } from './fixtures';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const FACTS: NewVmHostFacts = {
  memoryMiB: 8192,
  cpus: 4,
  maxVcpus: 4,
  virtTypes: ['qemu'],
  pools: [{ name: 'default', active: true, availableBytes: 10 << 30, path: '/var/lib/images' }],
  networks: [
    { name: 'default', active: true },
    { name: 'lab', active: true },
  ],
  bridges: [],
  interfaces: [],
  vmNames: ['base 名', 'base 名-2', 'web'],
};

const TEMPLATE = vm('base 名', {
  uuid: 'uuid-base',
  state: 'shutoff',
  template: true,
  vcpus: 2,
  maxMemoryKiB: 512 * 1024,
});

function planOf(patch: Partial<ClonePlan> = {}): ClonePlan {
  return {
    uuid: 'uuid-base',
    name: 'base 名',
    suggestedName: 'base 名-clone',
    active: false,
    template: true,
    disks: [
      {
        target: 'vda',
        device: 'disk',
        path: '/var/lib/images/base.qcow2',
        pool: 'default',
        volume: 'base.qcow2',
        format: 'qcow2',
        modes: ['copy', 'linked', 'share'],
        defaultMode: 'copy',
        suggestedVolume: 'base 名-clone.qcow2',
      },
      {
        target: 'hdc',
        device: 'cdrom',
        path: '/var/lib/images/boot.iso',
        modes: ['share'],
        defaultMode: 'share',
        limit: 'cdrom',
      },
    ],
    tpm: false,
    identityReset: {
      tool: 'virt-sysprep',
      package: 'guestfs-tools',
      operations: ['machine-id', 'ssh-hostkeys', 'hostname'],
    },
    ...patch,
  };
}

function renderWizard(opts: { plan?: ClonePlan; clone?: (p: CloneOptions) => unknown } = {}) {
  const clones: CloneOptions[] = [];
  let closed = 0;
  const backend = fakeBackend({
    'newVm.hostFacts': () => FACTS,
    'newVm.osList': () => [],
    'newVm.osDefaults': () => {
      throw new Refusal({ code: 'not-found', message: 'no such OS' });
    },
    'vms.clonePlan': () => opts.plan ?? planOf(),
    'vms.clone': (p) => {
      clones.push(p as CloneOptions);
      return (opts.clone ?? (() => ({ jobId: 'job-1', uuid: 'uuid-new', name: 'x' })))(
        p as CloneOptions,
      );
    },
  });
  const store = createAppStore();
  store.vmDelta({
    connectionId: 'c1',
    upsert: [
      TEMPLATE,
      vm('web', { state: 'shutoff' }),
      vm('other host tpl', { connectionId: 'c2', template: true }),
    ],
    remove: [],
  });
  renderWithServices(
    backend,
    <NewVmWizard
      connections={[{ id: 'c1', uri: 'qemu:///system', autoconnect: true }]}
      initialConnectionId="c1"
      onClose={() => closed++}
    />,
    store,
  );
  return { backend, clones, store, closed: () => closed };
}

const dialog = () => screen.getByRole('dialog');
const click = (name: string) => fireEvent.click(within(dialog()).getByRole('button', { name }));
const radio = (name: string) => within(dialog()).getByRole<HTMLInputElement>('radio', { name });
const navItems = () =>
  within(within(dialog()).getByRole('navigation'))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

async function chooseTemplate() {
  fireEvent.click(radio('From a template (a copy of a VM marked as template)'));
  const select = await within(dialog()).findByRole<HTMLSelectElement>('combobox', {
    name: 'Template',
  });
  // Only this host's templates are offered.
  expect([...select.options].map((o) => o.textContent)).toEqual(['Choose a template', 'base 名']);
  fireEvent.change(select, { target: { value: 'uuid-base' } });
  await within(dialog()).findByRole('radio', { name: 'Linked copy' });
}

// Many pages in happy-dom on a loaded machine: longer than the default 5 s.
describe('New VM from a template', { timeout: 30_000 }, () => {
  it('goes through template, memory, network and name, and creates a linked clone', async () => {
    const { clones, store, closed } = renderWizard();
    await chooseTemplate();
    expect(navItems()).toEqual(['Source', 'Memory and CPUs', 'Network', 'Name', 'Summary']);
    expect(radio('Linked copy').checked).toBe(true);
    fireEvent.click(
      await within(dialog()).findByRole('checkbox', { name: 'New machine-id (/etc/machine-id)' }),
    );
    fireEvent.click(within(dialog()).getByRole('checkbox', { name: 'New SSH host keys' }));

    click('Next');
    // The template's size is where the page starts.
    const memory = await within(dialog()).findByLabelText<HTMLInputElement>('Memory (MiB)');
    expect(memory.value).toBe('512');
    expect(within(dialog()).getByLabelText<HTMLInputElement>('vCPUs').value).toBe('2');
    fireEvent.change(memory, { target: { value: '768' } });

    click('Next');
    const network = await within(dialog()).findByRole<HTMLSelectElement>('combobox', {
      name: 'Network',
    });
    fireEvent.change(network, { target: { value: 'lab' } });

    click('Next');
    const name = await within(dialog()).findByLabelText<HTMLInputElement>('Name');
    // Numbered past the names the host has.
    expect(name.value).toBe('base 名-3');
    fireEvent.change(name, { target: { value: `web "2" $(x); ü` } });

    click('Next');
    const summary = await within(dialog()).findByLabelText('Summary');
    expect(summary.textContent).toContain('Templatebase 名');
    expect(summary.textContent).toContain('DisksLinked copy');
    expect(summary.textContent).toContain(
      'Identity resetNew machine-id (/etc/machine-id), New SSH host keys',
    );

    click('Create');
    await waitFor(() => expect(clones).toHaveLength(1));
    expect(clones[0]).toEqual({
      connectionId: 'c1',
      uuid: 'uuid-base',
      name: `web "2" $(x); ü`,
      disks: [
        { target: 'vda', mode: 'linked', volume: `web "2" $(x); ü.qcow2` },
        { target: 'hdc', mode: 'share' },
      ],
      pauseSource: false,
      identityReset: { operations: ['machine-id', 'ssh-hostkeys'] },
      overrides: { memoryMiB: 768, vcpus: 2, network: { kind: 'network', name: 'lab' } },
      start: true,
    });

    store.jobProgress({
      jobId: 'job-1',
      title: 'Clone',
      phase: 'done',
      unit: 'steps',
      done: 3,
      total: 3,
      elapsedMs: 1000,
      cancellable: false,
    });
    await waitFor(() => expect(closed()).toBe(1));
    expect(window.location.hash).toContain('uuid-new');
  });

  it('offers only a full copy when a disk cannot be linked, and names the package without the tool', async () => {
    const plan = planOf({
      identityReset: { package: 'guestfs-tools', operations: [] },
    });
    const first = plan.disks[0];
    if (first) Object.assign(first, { modes: ['copy', 'share'], limit: 'no-overlay-pool' });
    const { clones } = renderWizard({ plan });
    await chooseTemplate();
    await waitFor(() => expect(radio('Linked copy').disabled).toBe(true));
    expect(radio('Full copy').checked).toBe(true);
    expect(dialog().textContent).toContain('install the package guestfs-tools on it');
    expect(within(dialog()).queryByRole('checkbox', { name: /machine-id/ })).toBeNull();

    for (let i = 0; i < 4; i++) {
      click('Next');
      await waitFor(() => expect(navItems()).toHaveLength(5));
    }
    const summary = await within(dialog()).findByLabelText('Summary');
    expect(summary.textContent).toContain('DisksFull copy');
    click('Create');
    await waitFor(() => expect(clones).toHaveLength(1));
    expect(clones[0]?.disks).toEqual([
      { target: 'vda', mode: 'copy', volume: 'base 名-3.qcow2' },
      { target: 'hdc', mode: 'share' },
    ]);
    expect(clones[0]?.identityReset).toBeUndefined();
  });

  it('asks for a template first, and brings a refused name back to the Name page', async () => {
    const { clones } = renderWizard({
      clone: () => {
        throw new Refusal({
          code: 'invalid-input',
          message: 'A VM named "web" exists',
          fields: { name: 'A VM named "web" exists' },
        });
      },
    });
    fireEvent.click(radio('From a template (a copy of a VM marked as template)'));
    click('Next');
    await within(dialog()).findByText('Choose the template to copy');

    fireEvent.change(within(dialog()).getByRole('combobox', { name: 'Template' }), {
      target: { value: 'uuid-base' },
    });
    await within(dialog()).findByRole('radio', { name: 'Linked copy' });
    for (let i = 0; i < 4; i++) click('Next');
    await within(dialog()).findByLabelText('Summary');
    click('Create');
    await within(dialog()).findByText('A VM named "web" exists');
    expect(within(dialog()).getByLabelText('Name')).toBeTruthy();
    expect(clones).toHaveLength(1);
  });
});
