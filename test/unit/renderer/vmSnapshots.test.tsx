import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotsTab } from '../../../src/renderer/views/vm-snapshots/SnapshotsTab';
import type {
  SnapshotCapability,
  SnapshotInfo,
  SnapshotList,
} from '../../../src/shared/api/methods/snapshots';
import type { VmSummary } from '../../../src/shared/api/types';
import { vm } from './fixtures';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

// 2026-01-02 10:00:00 UTC and the hours after it.
const T0 = 1767348000;
/** A snapshot's time as the table shows it in English: short month, to the second. */
const shownAt = (seconds: number) =>
  new Intl.DateTimeFormat('en', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  }).format(seconds * 1000);
const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function snap(name: string, patch: Partial<SnapshotInfo> = {}): SnapshotInfo {
  return {
    name,
    createdAt: T0,
    description: '',
    state: 'running',
    location: 'internal',
    memory: true,
    current: false,
    hasThumbnail: false,
    ...patch,
  };
}

/** Given out of order, as libvirt lists them: the tree is base > (updated > tweak, rescue). */
const SNAPSHOTS = [
  snap('tweak', { parent: 'updated', createdAt: T0 + 7200, current: true }),
  snap('rescue', { parent: 'base', createdAt: T0 + 9000, state: 'shutoff', memory: false }),
  snap('base', { description: 'fresh install', hasThumbnail: true }),
  snap('updated', { parent: 'base', createdAt: T0 + 3600 }),
];

function renderTab(options: {
  snapshots?: SnapshotInfo[];
  capability?: SnapshotCapability;
  vm?: VmSummary;
  create?(params: unknown): unknown;
  revert?(params: unknown): unknown;
  remove?(params: unknown): unknown;
}) {
  const list: SnapshotList = {
    snapshots: options.snapshots ?? SNAPSHOTS,
    capability: options.capability ?? { mode: 'internal' },
  };
  const backend = fakeBackend({
    'vms.snapshots.list': () => list,
    'vms.snapshots.thumbnail': (p) => ((p as { name: string }).name === 'base' ? PIXEL : null),
    'vms.snapshots.create': options.create ?? (() => snap('new')),
    'vms.snapshots.revert': options.revert ?? (() => undefined),
    'vms.snapshots.delete': options.remove ?? (() => undefined),
  });
  renderWithServices(backend, <SnapshotsTab vm={options.vm ?? vm('web')} />);
  return { backend, list };
}

/** The table's rows below its header, each as its name cell's text. */
async function rowNames(): Promise<string[]> {
  const table = await screen.findByRole('table', { name: 'Snapshots' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => (within(row).getByRole('rowheader').textContent ?? '').trim());
}

async function openCreate() {
  await screen.findByRole('table', { name: 'Snapshots' }).catch(() => undefined);
  const button = await screen.findByRole('button', { name: 'Take snapshot' });
  await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
  fireEvent.click(button);
  return screen.findByRole('dialog', { name: 'Take a snapshot of web' });
}

describe('Snapshots tab', () => {
  it('shows the tree: parents before children, siblings oldest first, the current one marked', async () => {
    renderTab({});
    expect(await rowNames()).toEqual(['base', 'updated', 'tweak Current', 'rescue']);
    const table = screen.getByRole('table', { name: 'Snapshots' });
    const levels = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.getAttribute('aria-level'));
    expect(levels).toEqual(['1', '2', '3', '2']);
    const rescue = within(table).getByRole('rowheader', { name: 'rescue' }).closest('tr')!;
    expect(within(rescue).getByText('Shut off')).toBeTruthy();
    expect(within(rescue).getByText('Disks only')).toBeTruthy();
    expect(within(rescue).getByText('Internal')).toBeTruthy();
    expect(within(rescue).getByText(shownAt(T0 + 9000))).toBeTruthy();
    // The thumbnail is asked for the one row that has one, and shown from its data URL.
    const img = await screen.findByRole<HTMLImageElement>('img', {
      name: 'The screen of the VM when base was taken',
    });
    expect(img.src).toBe(PIXEL);
    expect(screen.getByText('fresh install')).toBeTruthy();
  });

  it('reads the list again when the VM changes (vms.delta)', async () => {
    const { backend, list } = renderTab({ snapshots: [snap('base')] });
    expect(await rowNames()).toEqual(['base']);
    list.snapshots = [snap('base'), snap('later', { parent: 'base', createdAt: T0 + 60 })];
    act(() => backend.emit('vms.delta', { connectionId: 'c1', upsert: [vm('web')], remove: [] }));
    await waitFor(async () => expect(await rowNames()).toEqual(['base', 'later']));
  });

  it('a blocker disables Take snapshot in the dialog and says why, naming the disk', async () => {
    const { backend } = renderTab({
      capability: { blocker: 'raw-disk', blockerDisk: 'vdb' },
    });
    const dialog = await openCreate();
    expect(within(dialog).getByText('No snapshot can be taken of this VM')).toBeTruthy();
    expect(dialog.textContent).toContain('Disk vdb is not qcow2');
    const submit = within(dialog).getByRole('button', { name: 'Take snapshot' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    fireEvent.submit(dialog.querySelector('form')!);
    expect(backend.count('vms.snapshots.create')).toBe(0);
  });

  it('says the mode, offers memory for a running VM and sends the placeholder name', async () => {
    const { backend } = renderTab({ capability: { mode: 'external' } });
    const dialog = await openCreate();
    expect(dialog.textContent).toContain('The snapshot will be external');
    const name = within(dialog).getByLabelText<HTMLInputElement>('Name');
    expect(name.placeholder).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(within(dialog).getByLabelText<HTMLInputElement>('Include the memory').checked).toBe(
      true,
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const sent = backend.calls.find((c) => c.method === 'vms.snapshots.create')?.params;
    expect(sent).toEqual({
      connectionId: 'c1',
      uuid: 'uuid-web',
      name: name.placeholder,
      description: '',
      memory: true,
    });
  });

  it('a shut-off VM is not offered memory', async () => {
    renderTab({ vm: vm('web', { state: 'shutoff' }) });
    const dialog = await openCreate();
    expect(within(dialog).queryByLabelText('Include the memory')).toBeNull();
  });

  it('the backend’s error on the name is shown under the name field', async () => {
    renderTab({
      create: () => {
        throw new Refusal({
          code: 'invalid-input',
          message: 'A snapshot named "base" already exists',
          fields: { name: 'A snapshot named "base" already exists' },
        });
      },
    });
    const dialog = await openCreate();
    const name = within(dialog).getByLabelText<HTMLInputElement>('Name');
    fireEvent.change(name, { target: { value: 'base' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot' }));
    const error = await within(dialog).findByText('A snapshot named "base" already exists');
    expect(name.closest('.pf-v6-c-form__group')?.contains(error)).toBe(true);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    // Said on the field, not again above the form.
    expect(within(dialog).queryByText('The snapshot was not taken')).toBeNull();
  });

  it('revert asks first, saying what is lost and the state the guest comes back in', async () => {
    const { backend } = renderTab({});
    await rowNames();
    fireEvent.click(screen.getByRole('button', { name: 'Revert to updated' }));
    const dialog = await screen.findByRole('dialog', { name: /Revert to updated\?/ });
    const time = shownAt(T0 + 3600);
    expect(dialog.textContent).toContain(
      `Everything web has changed on its disks since ${time} is lost.`,
    );
    expect(dialog.textContent).toContain('its memory now (open programs, unsaved work) is lost');
    expect(dialog.textContent).toContain('The guest comes back running');
    expect(backend.count('vms.snapshots.revert')).toBe(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revert' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.calls.find((c) => c.method === 'vms.snapshots.revert')?.params).toEqual({
      connectionId: 'c1',
      uuid: 'uuid-web',
      name: 'updated',
      force: false,
    });
  });

  it('a disk-only snapshot of a shut-off VM comes back shut off; libvirt’s refusal is said and can be forced', async () => {
    const forced: boolean[] = [];
    renderTab({
      vm: vm('web', { state: 'shutoff' }),
      revert: (p) => {
        const { force } = p as { force: boolean };
        forced.push(force);
        if (force) return undefined;
        throw new Refusal({
          code: 'libvirt',
          message: 'libvirt will not revert to this snapshot without forcing it',
          libvirt: { code: 77, domain: 18 },
        });
      },
    });
    await rowNames();
    fireEvent.click(screen.getByRole('button', { name: 'Revert to rescue' }));
    const dialog = await screen.findByRole('dialog', { name: /Revert to rescue\?/ });
    expect(dialog.textContent).toContain('The guest comes back shut off.');
    expect(dialog.textContent).not.toContain('memory');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revert' }));
    const alert = await within(dialog).findByText('The snapshot was not reverted');
    expect(alert.closest('.pf-v6-c-alert')?.textContent).toContain(
      'libvirt will not revert to this snapshot without forcing it',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revert anyway (forced)' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(forced).toEqual([false, true]);
  });

  it('a running guest’s disk-only snapshot starts afresh from its disks', async () => {
    renderTab({ snapshots: [snap('disks', { state: 'disk-snapshot', memory: false })] });
    await rowNames();
    expect(screen.getByText('Running (disks only)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Revert to disks' }));
    const dialog = await screen.findByRole('dialog', { name: /Revert to disks\?/ });
    expect(dialog.textContent).toContain('The guest is started afresh from the snapshot’s disks');
  });

  it('delete offers "with its children" only where there are some', async () => {
    const { backend } = renderTab({});
    await rowNames();
    fireEvent.click(screen.getByRole('button', { name: 'Delete rescue' }));
    let dialog = await screen.findByRole('dialog', { name: /Delete snapshot rescue\?/ });
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(screen.getByRole('button', { name: 'Delete updated' }));
    dialog = await screen.findByRole('dialog', { name: /Delete snapshot updated\?/ });
    fireEvent.click(within(dialog).getByLabelText('Also delete its child snapshot'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete with its children' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.calls.filter((c) => c.method === 'vms.snapshots.delete')).toEqual([
      {
        method: 'vms.snapshots.delete',
        params: { connectionId: 'c1', uuid: 'uuid-web', name: 'updated', children: true },
      },
    ]);
  });
});
