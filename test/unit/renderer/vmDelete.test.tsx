import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VmToolbar } from '../../../src/renderer/views/vm-list/VmToolbar';
import type {
  DeletableDisk,
  VmDeleteOutcome,
  VmDeletePlan,
} from '../../../src/shared/api/methods/vmDelete';
import type { VmSummary } from '../../../src/shared/api/types';
import { vm } from './fixtures';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const POOL = '/var/lib/libvirt/images';

function disk(path: string, patch: Partial<DeletableDisk> = {}): DeletableDisk {
  return { path, target: 'vda', device: 'disk', defaultChecked: true, deletable: true, ...patch };
}

/** A VM with one disk of each kind the dialog tells apart. */
function planOf(target: VmSummary, patch: Partial<VmDeletePlan> = {}): VmDeletePlan {
  return {
    uuid: target.uuid,
    name: target.name,
    active: false,
    disks: [
      disk(`${POOL}/own.qcow2`, { pool: 'default', volume: 'own.qcow2', sizeBytes: 3 << 20 }),
      disk(`${POOL}/shared.qcow2`, {
        target: 'vdb',
        pool: 'default',
        volume: 'shared.qcow2',
        defaultChecked: false,
        keepReason: 'used-by-other-vm',
        usedBy: ['db 1', 'web'],
      }),
      disk(`${POOL}/base.qcow2`, {
        target: 'vdc',
        pool: 'default',
        volume: 'base.qcow2',
        defaultChecked: false,
        keepReason: 'backing-file',
        usedBy: ['clone'],
      }),
      disk('/srv/iso/debian.iso', {
        target: 'sda',
        device: 'cdrom',
        defaultChecked: false,
        keepReason: 'cdrom',
      }),
      disk('/home/u/loose disk.raw', {
        target: 'vdd',
        defaultChecked: false,
        keepReason: 'outside-pool',
      }),
      disk('rbd-pool/image', {
        target: 'vde',
        defaultChecked: false,
        keepReason: 'not-a-file',
        deletable: false,
      }),
    ],
    alsoRemoved: {
      managedSave: true,
      snapshots: 2,
      nvram: '/var/lib/nvram/x_VARS.fd',
      tpmState: true,
    },
    ...patch,
  };
}

/** The list's toolbar with `selected` VMs, over a backend answering the plan and the delete. */
function renderToolbar(
  selected: VmSummary[],
  opts: { plan?: (v: VmSummary) => VmDeletePlan; outcome?: VmDeleteOutcome } = {},
) {
  const deletes: { uuid: string; disks: string[]; forceOff?: boolean }[] = [];
  const backend = fakeBackend({
    'vms.deletePlan': (p) => {
      const target = selected.find((s) => s.uuid === (p as { uuid: string }).uuid);
      if (!target) throw new Error('no such VM');
      return (opts.plan ?? planOf)(target);
    },
    'vms.delete': (p) => {
      deletes.push(p as (typeof deletes)[number]);
      return opts.outcome ?? { deleted: [], remaining: [] };
    },
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
  );
  return { deletes, backend, store: view.store };
}

async function openDialog() {
  fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
  return screen.findByRole('dialog');
}

const checkbox = (dialog: HTMLElement, path: string) =>
  within(dialog).getByRole<HTMLInputElement>('checkbox', { name: path });

describe('Delete VM dialog', () => {
  it('lists every disk with its default and, for an unchecked one, why', async () => {
    renderToolbar([vm('web', { state: 'shutoff' })]);
    const dialog = await openDialog();
    await within(dialog).findByText(`${POOL}/own.qcow2`);

    expect(checkbox(dialog, `${POOL}/own.qcow2`).checked).toBe(true);
    for (const kept of [`${POOL}/shared.qcow2`, `${POOL}/base.qcow2`, '/srv/iso/debian.iso']) {
      expect(checkbox(dialog, kept).checked).toBe(false);
    }
    const text = dialog.textContent ?? '';
    expect(text).toContain('Disk vda · volume own.qcow2 in pool default · 3.0 MiB allocated');
    expect(text).toContain('Left unchecked: it is used by db 1, web');
    expect(text).toContain('Left unchecked: it is the base of a linked clone (clone)');
    expect(text).toContain('CD-ROM sda');
    expect(text).toContain('Left unchecked: it is a CD-ROM');
    // A file in no pool: unchecked as the plan says, and how it would be deleted.
    expect(checkbox(dialog, '/home/u/loose disk.raw').checked).toBe(false);
    const loose = checkbox(dialog, '/home/u/loose disk.raw').closest('.pf-v6-c-check');
    expect(loose?.textContent).toContain("deleted through the host's own file access (SFTP)");
    expect(loose?.textContent).toContain('Left unchecked: it is in no storage pool');
    // A network disk is shown, with no checkbox and why it is never deleted.
    expect(within(dialog).getByText('rbd-pool/image')).toBeTruthy();
    expect(within(dialog).queryByRole('checkbox', { name: 'rbd-pool/image' })).toBeNull();
    expect(text).toContain('Not deleted: it is not a file (a network disk');
    expect(within(dialog).getAllByRole('checkbox')).toHaveLength(5);

    const also = within(dialog).getByRole('list', { name: 'Also removed' });
    expect(
      within(also)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Its managed save (the saved memory state)',
      '2 snapshots (their metadata)',
      'The NVRAM file /var/lib/nvram/x_VARS.fd',
      'The state of its emulated TPM',
    ]);
    expect(within(dialog).queryByText(/is running/)).toBeNull();
  });

  it('sends vms.delete exactly the disks checked when Delete is pressed', async () => {
    const { deletes, store } = renderToolbar([vm('web', { state: 'shutoff' })]);
    const dialog = await openDialog();
    await within(dialog).findByText(`${POOL}/own.qcow2`);
    fireEvent.click(checkbox(dialog, `${POOL}/own.qcow2`));
    fireEvent.click(checkbox(dialog, '/home/u/loose disk.raw'));
    fireEvent.click(checkbox(dialog, `${POOL}/base.qcow2`));
    fireEvent.click(checkbox(dialog, `${POOL}/base.qcow2`));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deletes).toEqual([
      { connectionId: 'c1', uuid: 'uuid-web', disks: ['/home/u/loose disk.raw'], forceOff: false },
    ]);
    expect(store.notices.get().map((n) => n.titleKey)).toEqual(['vmDelete:deleted']);
  });

  it('asks again before forcing a running VM off, and only then deletes', async () => {
    const running = vm('web', { state: 'running' });
    const { deletes } = renderToolbar([running], {
      plan: (v) => planOf(v, { active: true }),
    });
    const dialog = await openDialog();
    await within(dialog).findByText(`${POOL}/own.qcow2`);
    expect(dialog.textContent).toContain("'web' is running. Deleting it forces it off first.");
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));

    const question = await within(dialog).findByText(/It will be forced off at once/);
    expect(question.textContent).toContain("'web' is running");
    expect(dialog.textContent).toContain('1 disk will be deleted.');
    expect(deletes).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Force off and delete' }));

    await waitFor(() => expect(deletes).toHaveLength(1));
    expect(deletes[0]).toMatchObject({ forceOff: true, disks: [`${POOL}/own.qcow2`] });
  });

  it('Cancel at the force-off question deletes nothing', async () => {
    const { deletes } = renderToolbar([vm('web')], { plan: (v) => planOf(v, { active: true }) });
    const dialog = await openDialog();
    await within(dialog).findByText(`${POOL}/own.qcow2`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await within(dialog).findByRole('button', { name: 'Force off and delete' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deletes).toEqual([]);
  });

  it('a delete that stops part way says what was deleted, what remains and why, and stays open', async () => {
    const outcome: VmDeleteOutcome = {
      deleted: [
        { kind: 'snapshot-metadata', what: 'before upgrade' },
        { kind: 'definition', what: 'web' },
      ],
      remaining: [{ kind: 'disk', what: `${POOL}/own.qcow2` }],
      failed: {
        kind: 'disk',
        what: `${POOL}/own.qcow2`,
        message: "cannot unlink file '/var/lib/libvirt/images/own.qcow2': Permission denied",
      },
    };
    const { store } = renderToolbar([vm('web', { state: 'shutoff' })], { outcome });
    const dialog = await openDialog();
    await within(dialog).findByText(`${POOL}/own.qcow2`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));

    const shown = await screen.findByRole('dialog', { name: /'web' was only partly deleted/ });
    expect(within(shown).getByText(`Stopped while deleting disk ${POOL}/own.qcow2`)).toBeTruthy();
    expect(shown.textContent).toContain('Permission denied');
    const deleted = within(shown).getByRole('region', { name: 'Deleted' });
    expect(
      within(deleted)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['snapshot before upgrade', 'the definition of web']);
    const remaining = within(shown).getByRole('region', { name: 'Still there' });
    expect(remaining.textContent).toContain(`disk ${POOL}/own.qcow2`);
    expect(store.notices.get()).toEqual([]);

    fireEvent.click(within(shown).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('a refused delete is said in the dialog, which keeps the choices and shows the host as now', async () => {
    const target = vm('web', { state: 'shutoff' });
    const own = `${POOL}/own.qcow2`;
    // Between the dialog's plan and the delete, another VM took the disk.
    let taken = false;
    const backend = fakeBackend({
      'vms.deletePlan': () => {
        const plan = planOf(target);
        if (!taken) return plan;
        const disks = plan.disks.map((d) =>
          d.path === own
            ? {
                ...d,
                defaultChecked: false,
                keepReason: 'used-by-other-vm' as const,
                usedBy: ['db'],
              }
            : d,
        );
        return { ...plan, disks };
      },
      'vms.delete': () => {
        taken = true;
        throw new Refusal({ code: 'in-use', message: `${own} is not deleted: db still uses it` });
      },
    });
    renderWithServices(
      backend,
      <VmToolbar
        filter={{ text: '', state: 'all', host: 'all' }}
        onFilter={() => {}}
        connections={[]}
        selectedVms={[target]}
        usable={() => true}
        onAddConnection={() => {}}
        onSettings={() => {}}
      />,
    );
    const dialog = await openDialog();
    await within(dialog).findByText(own);
    fireEvent.click(checkbox(dialog, '/home/u/loose disk.raw'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    const alert = (await within(dialog).findByText("Could not delete 'web'")).closest(
      '.pf-v6-c-alert',
    );
    expect(alert?.textContent).toContain('db still uses it');
    expect(checkbox(dialog, '/home/u/loose disk.raw').checked).toBe(true);
    // The plan is read again: the disk now starts unchecked, saying who took it.
    await within(dialog).findByText('Left unchecked: it is used by db');
    expect(checkbox(dialog, own).checked).toBe(false);
  });

  it('several selected VMs are asked about one after the other, each with its own plan', async () => {
    const { deletes } = renderToolbar([
      vm('web', { state: 'shutoff' }),
      vm('db', { state: 'shutoff' }),
    ]);
    const first = await openDialog();
    expect(within(first).getByText('Delete virtual machine (1 of 2)')).toBeTruthy();
    await within(first).findByText("Delete 'web'?", { exact: false });
    await within(first).findByText(`${POOL}/own.qcow2`);
    fireEvent.click(within(first).getByRole('button', { name: 'Delete' }));

    await screen.findByText('Delete virtual machine (2 of 2)');
    const second = screen.getByRole('dialog');
    await within(second).findByText("Delete 'db'?", { exact: false });
    await within(second).findByText(`${POOL}/own.qcow2`);
    fireEvent.click(checkbox(second, `${POOL}/own.qcow2`));
    fireEvent.click(within(second).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deletes.map((d) => [d.uuid, d.disks])).toEqual([
      ['uuid-web', [`${POOL}/own.qcow2`]],
      ['uuid-db', []],
    ]);
  });
});
