import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrateVmButton, useMigrateVm } from '../../../src/renderer/views/vm-migrate/useMigrateVm';
import type { AppStore } from '../../../src/renderer/state/appStore';
import type { MigrationCheck, MigrationOptions } from '../../../src/shared/api/methods/migration';
import type { JobProgress, VmSummary } from '../../../src/shared/api/types';
import { vm } from './fixtures';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const DISK = '/var/lib/libvirt/images/web disk.qcow2';
const NO_PROBLEM: MigrationCheck = {
  problems: [],
  disks: [{ target: 'vda', path: DISK, bytes: 3 << 20 }],
};

/** The VM page's button and its dialog, as VmPage uses them. */
function Harness({ target }: { target: VmSummary }) {
  const migrating = useMigrateVm();
  return (
    <>
      <MigrateVmButton vm={target} usable onMigrate={migrating.start} />
      {migrating.dialog}
    </>
  );
}

/**
 * Three connections besides the VM's own (c1, "here"): "modern" connected (libvirt 11.3), "old"
 * connected without a label, "gone" disconnected. The checks answer with `check(options)`.
 */
function renderDialog(
  target: VmSummary,
  opts: {
    check?: (o: MigrationOptions) => MigrationCheck;
    migrate?: (o: MigrationOptions) => unknown;
    others?: boolean;
  } = {},
) {
  const checks: MigrationOptions[] = [];
  const migrations: MigrationOptions[] = [];
  const cancels: unknown[] = [];
  const backend = fakeBackend({
    'vms.migrationCheck': (p) => {
      checks.push(p as MigrationOptions);
      return (opts.check ?? (() => NO_PROBLEM))(p as MigrationOptions);
    },
    'vms.migrate': (p) => {
      migrations.push(p as MigrationOptions);
      return (opts.migrate ?? (() => ({ jobId: 'job-1' })))(p as MigrationOptions);
    },
    'jobs.cancel': (p) => {
      cancels.push(p);
      return null;
    },
  });
  const view = renderWithServices(backend, <Harness target={target} />);
  const store: AppStore = view.store;
  act(() => {
    const others = opts.others ?? true;
    store.setConnections([
      { id: 'c1', uri: 'qemu+ssh://u@here/system', label: 'here', autoconnect: true },
      ...(others
        ? [
            { id: 'c2', uri: 'qemu+ssh://u@10.0.0.2/system', label: 'modern', autoconnect: true },
            { id: 'c3', uri: 'qemu+ssh://u@old.example/system', autoconnect: true },
            { id: 'c4', uri: 'qemu+ssh://u@gone/system', label: 'gone', autoconnect: true },
          ]
        : []),
    ]);
    const connected = { phase: 'connected', hypervisor: 'QEMU' } as const;
    store.hostStatus({ connectionId: 'c1', ...connected, libvirtVersion: '9.0.0' });
    store.hostStatus({
      connectionId: 'c2',
      ...connected,
      libvirtVersion: '11.3.0',
      hostname: 'trixie',
    });
    store.hostStatus({ connectionId: 'c3', ...connected, libvirtVersion: '9.0.0' });
    store.hostStatus({ connectionId: 'c4', phase: 'disconnected' });
    store.vmDelta({ connectionId: 'c1', reset: true, upsert: [target], remove: [] });
  });
  return { backend, store, checks, migrations, cancels };
}

async function openDialog(name: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Migrate' }));
  return screen.findByRole('dialog', { name: `Migrate '${name}'` });
}

const field = (dialog: HTMLElement, label: string) =>
  within(dialog).getByLabelText<HTMLInputElement & HTMLSelectElement>(label);
const migrateButton = (dialog: HTMLElement) =>
  within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Migrate' });
/** The text under a field (its error or help), found from its form group. */
const groupText = (dialog: HTMLElement, label: string) =>
  field(dialog, label).closest('.pf-v6-c-form__group')?.textContent ?? '';

function job(patch: Partial<JobProgress> = {}): JobProgress {
  return {
    jobId: 'job-1',
    title: 'Migrate web',
    connectionId: 'c1',
    phase: 'running',
    unit: 'bytes',
    done: 0,
    elapsedMs: 1000,
    cancellable: true,
    ...patch,
  };
}

describe('Migrate dialog', () => {
  it('offers the other connected hosts with their libvirt, live for a running VM', async () => {
    const web = vm('web', { state: 'running' });
    const { checks } = renderDialog(web);
    const dialog = await openDialog('web');

    const options = [...field(dialog, 'Target host').options].map((o) => o.textContent);
    expect(options).toEqual([
      'modern (QEMU, libvirt 11.3.0)',
      'QEMU/KVM on u@old.example (QEMU, libvirt 9.0.0)',
    ]);
    expect(within(dialog).getByLabelText('Mode').textContent).toBe('Live');
    // A running guest's memory cannot stream through the app.
    const transports = [...field(dialog, 'Transport').options].map((o) => o.value);
    expect(transports).toEqual(['direct', 'tunnelled']);

    await within(dialog).findByText(`Disk vda: ${DISK} (3.0 MiB)`);
    expect(checks.at(-1)).toEqual({
      connectionId: 'c1',
      uuid: 'uuid-web',
      targetConnectionId: 'c2',
      mode: 'live',
      storage: 'copy',
      transport: 'direct',
      keepSource: false,
    });
    await waitFor(() => expect(migrateButton(dialog).disabled).toBe(false));
  });

  it('says each problem beside its field, the others above, and waits until none is left', async () => {
    const { checks } = renderDialog(vm('web'), {
      check: (o) =>
        o.storage === 'copy'
          ? {
              problems: [
                { field: 'storage', message: 'The target has no pool named "default".' },
                { field: 'name', message: 'A VM named web already exists on modern.' },
              ],
              disks: [],
            }
          : { problems: [], disks: [] },
    });
    const dialog = await openDialog('web');
    await within(dialog).findByText('The target has no pool named "default".');
    expect(groupText(dialog, 'Storage')).toContain('The target has no pool named "default".');
    const above = within(dialog).getByText('The migration cannot start').closest('.pf-v6-c-alert');
    expect(above?.textContent).toContain('A VM named web already exists on modern.');
    expect(migrateButton(dialog).disabled).toBe(true);

    fireEvent.change(field(dialog, 'Storage'), { target: { value: 'shared' } });
    await waitFor(() => expect(checks.at(-1)?.storage).toBe('shared'));
    await within(dialog).findByText('No disk: the target uses the same disks.');
    expect(dialog.textContent).not.toContain('no pool named');
    await waitFor(() => expect(migrateButton(dialog).disabled).toBe(false));
  });

  it('offers the move through Virtdeck for a shut-off VM, and reads the fields it sends', async () => {
    const { checks } = renderDialog(vm('web', { state: 'shutoff' }));
    const dialog = await openDialog('web');
    expect(within(dialog).getByLabelText('Mode').textContent).toBe('Offline');
    fireEvent.change(field(dialog, 'Transport'), { target: { value: 'through-app' } });
    expect(groupText(dialog, 'Transport')).toContain('For hosts that cannot reach each other');

    fireEvent.change(field(dialog, 'Transport'), { target: { value: 'tunnelled' } });
    const tunnel = field(dialog, "Target URI for the source's libvirt");
    expect(tunnel.placeholder).toBe('qemu+ssh://u@10.0.0.2/system');
    fireEvent.change(tunnel, { target: { value: 'qemu+tcp://10.0.0.2/system' } });

    // Not a number: said on the field, and Migrate waits for a number.
    fireEvent.change(field(dialog, 'Bandwidth limit (MiB/s)'), { target: { value: '5x' } });
    expect(groupText(dialog, 'Bandwidth limit (MiB/s)')).toContain('A whole number of MiB/s');
    expect(migrateButton(dialog).disabled).toBe(true);
    fireEvent.change(field(dialog, 'Bandwidth limit (MiB/s)'), { target: { value: '5' } });
    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Keep the definition on the source host' }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Advanced' }));
    expect(field(dialog, 'Target address').placeholder).toBe('10.0.0.2');
    fireEvent.change(field(dialog, 'Target address'), { target: { value: '10.0.0.2' } });

    await waitFor(() =>
      expect(checks.at(-1)).toEqual({
        connectionId: 'c1',
        uuid: 'uuid-web',
        targetConnectionId: 'c2',
        mode: 'offline',
        storage: 'copy',
        transport: 'tunnelled',
        keepSource: true,
        bandwidthMiBs: 5,
        targetAddress: '10.0.0.2',
        tunnelUri: 'qemu+tcp://10.0.0.2/system',
      }),
    );
  });

  it('says so when no other host is connected, and cannot migrate', async () => {
    const { checks } = renderDialog(vm('web'), { others: false });
    const dialog = await openDialog('web');
    expect(dialog.textContent).toContain('No other host is connected.');
    expect(migrateButton(dialog).disabled).toBe(true);
    expect(checks).toEqual([]);
  });

  it('puts a refusal on its field and keeps the dialog', async () => {
    const { migrations } = renderDialog(vm('web'), {
      migrate: () => {
        throw new Refusal({
          code: 'invalid-input',
          message: 'The CPU model Skylake is not available on modern.',
          fields: { targetConnectionId: 'The CPU model Skylake is not available on modern.' },
        });
      },
    });
    const dialog = await openDialog('web');
    await waitFor(() => expect(migrateButton(dialog).disabled).toBe(false));
    fireEvent.click(migrateButton(dialog));
    await waitFor(() => expect(groupText(dialog, 'Target host')).toContain('Skylake'));
    expect(migrations).toHaveLength(1);
    expect(screen.getByRole('dialog', { name: "Migrate 'web'" })).toBeTruthy();
  });

  it("follows the job: bytes, speed, dirty rate and pass, Cancel, then the VM's page on the target", async () => {
    const { store, migrations, cancels } = renderDialog(vm('web'));
    const dialog = await openDialog('web');
    await waitFor(() => expect(migrateButton(dialog).disabled).toBe(false));
    fireEvent.click(migrateButton(dialog));
    const progress = await screen.findByRole('dialog', { name: "Migrating 'web' to modern" });
    expect(migrations[0]?.targetConnectionId).toBe('c2');

    const MiB = 1 << 20;
    act(() =>
      store.jobProgress(
        job({
          step: 'Copying memory',
          migration: {
            // The guest's whole memory; its zero pages are never sent, so the bar counts what is
            // sent of what was sent and remains.
            processedBytes: 256 * MiB,
            remainingBytes: 768 * MiB,
            totalBytes: 4096 * MiB,
            bytesPerSecond: 64 * MiB,
            dirtyBytesPerSecond: 2 * MiB,
            iteration: 3,
          },
        }),
      ),
    );
    const bar = within(progress).getByRole('progressbar', { name: 'Migration progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    const text = progress.textContent ?? '';
    expect(text).toContain('256.0 MiB of 1.0 GiB');
    expect(text).toContain('Total size4.0 GiB');
    expect(text).toContain('Speed64.0 MiB/s');
    expect(text).toContain('Remaining768.0 MiB, about 12 s');
    expect(text).toContain('Memory dirtied2.0 MiB/s');
    expect(text).toContain('Memory pass3');
    expect(text).toContain('StepCopying memory');

    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel migration' }));
    await waitFor(() => expect(cancels).toEqual([{ jobId: 'job-1' }]));

    act(() => store.jobProgress(job({ phase: 'done', cancellable: false, done: 1 })));
    await within(progress).findByText('Now on modern');
    expect(within(progress).queryByRole('button', { name: 'Cancel migration' })).toBeNull();
    const link = within(progress).getByRole('link', { name: "Open 'web' on modern" });
    expect(link.getAttribute('href')).toBe('#/vm/c2/uuid-web');
  });

  it('shows a failure with its step, and a cancel as leaving the VM on its host', async () => {
    const { store } = renderDialog(vm('web'));
    const dialog = await openDialog('web');
    await waitFor(() => expect(migrateButton(dialog).disabled).toBe(false));
    fireEvent.click(migrateButton(dialog));
    const progress = await screen.findByRole('dialog', { name: "Migrating 'web' to modern" });
    act(() =>
      store.jobProgress(
        job({
          phase: 'failed',
          step: 'Copying disk vda',
          error: { code: 'libvirt', message: 'No space left on device' },
        }),
      ),
    );
    expect(progress.textContent).toContain('The migration failed at: Copying disk vda');
    expect(progress.textContent).toContain('No space left on device');
    act(() => store.jobProgress(job({ phase: 'cancelled', cancellable: false })));
    await within(progress).findByText('Cancelled: the virtual machine stays on here');
  });
});
