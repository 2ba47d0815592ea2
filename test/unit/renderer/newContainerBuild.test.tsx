/**
 * The New container wizard (an lxc:// connection) over a scripted backend: an OS container whose
 * root file system debootstrap makes on the host (suite and mirror from the host's own, the target
 * under /var/lib/lxc by default), Create starting lxc.build and showing the job's bar, the job's
 * end opening the container's console; the idmap's six fields with the host's range, a refused
 * value shown under its own field; debootstrap not offered where the host cannot run it.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/renderer/state/appStore';
import { NewVmWizard } from '../../../src/renderer/views/new-vm/NewVmWizard';
import type { ContainerHostFacts, ContainerOptions } from '../../../src/shared/api/methods/lxc';
import { vm } from './fixtures';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const FACTS: ContainerHostFacts = {
  memoryMiB: 4096,
  cpus: 2,
  networks: ['default'],
  bridges: ['br0'],
  idmap: { uid: { start: 100000, count: 65536 }, gid: { start: 100000, count: 65536 } },
  lxcCreate: false,
  debootstrap: true,
  root: true,
  mac: '52:54:00:12:34:56',
  mirror: 'http://deb.debian.org/debian',
  suite: 'bookworm',
};

function renderWizard(facts: ContainerHostFacts = FACTS, preview?: () => unknown) {
  const builds: ContainerOptions[] = [];
  let closed = 0;
  const backend = fakeBackend({
    'lxc.hostFacts': () => facts,
    'lxc.previewXml': () => (preview ?? (() => ({ xml: '<domain type="lxc"/>' })))(),
    'lxc.build': (p) => {
      builds.push(p as ContainerOptions);
      return { jobId: 'job-1', name: (p as ContainerOptions).name };
    },
  });
  const store = createAppStore();
  renderWithServices(
    backend,
    <NewVmWizard
      connections={[{ id: 'c1', uri: 'lxc:///system', autoconnect: true }]}
      initialConnectionId="c1"
      onClose={() => closed++}
    />,
    store,
  );
  return { builds, store, closed: () => closed };
}

const dialog = () => screen.getByRole('dialog');
const click = (name: string) => fireEvent.click(within(dialog()).getByRole('button', { name }));
const radio = (name: string | RegExp) =>
  within(dialog()).getByRole<HTMLInputElement>('radio', { name });
const field = (label: string) => within(dialog()).getByLabelText<HTMLInputElement>(label);

describe('New container with debootstrap', { timeout: 30_000 }, () => {
  it('makes the root file system as a job and opens the console when it is done', async () => {
    const { builds, store, closed } = renderWizard();
    fireEvent.click(
      await within(dialog()).findByRole('radio', { name: /Operating system container/ }),
    );
    fireEvent.click(
      await within(dialog()).findByRole('radio', { name: /Make it here with debootstrap/ }),
    );
    await waitFor(() => expect(field('Suite').value).toBe('bookworm'));
    expect(field('Mirror').value).toBe('http://deb.debian.org/debian');
    const name = `os "1" $(x); ü`;
    fireEvent.change(field('Name'), { target: { value: name } });
    expect(field('New root file system directory').placeholder).toBe(`/var/lib/lxc/${name}/rootfs`);
    fireEvent.change(field('Suite'), { target: { value: 'trixie' } });

    click('Next');
    await within(dialog()).findByLabelText('Container XML');
    click('Create');
    await waitFor(() => expect(builds).toHaveLength(1));
    expect(builds[0]).toMatchObject({
      kind: 'os',
      name,
      rootfs: `/var/lib/lxc/${name}/rootfs`,
      build: { suite: 'trixie', mirror: 'http://deb.debian.org/debian', variant: 'minbase' },
      idmap: false,
    });

    const progress = {
      jobId: 'job-1',
      title: `Making container ${name}`,
      unit: 'steps' as const,
      total: 9,
      elapsedMs: 1000,
    };
    store.jobProgress({
      ...progress,
      phase: 'running',
      done: 3.5,
      step: 'Downloading packages',
      stepText: { key: 'lxc.stepDownload' },
      cancellable: true,
    });
    await within(dialog()).findByText(/Downloading packages/);
    // The job's Cancel; the wizard's own is off while the job runs.
    const cancels = within(dialog()).getAllByRole<HTMLButtonElement>('button', { name: 'Cancel' });
    expect(cancels.map((b) => b.disabled)).toEqual([false, true]);
    store.jobProgress({ ...progress, phase: 'done', done: 9, cancellable: false });
    store.vmDelta({
      connectionId: 'c1',
      upsert: [vm(name, { uuid: 'uuid-os', state: 'running' })],
      remove: [],
    });
    await waitFor(() => expect(closed()).toBe(1));
    expect(window.location.hash).toContain('uuid-os');
  });

  it("offers the idmap's six fields with the host's range, and shows a refusal under its field", async () => {
    renderWizard(FACTS, () => {
      throw new Refusal({
        code: 'invalid-input',
        message: 'Must be 0',
        fields: { 'idmap.uid.start': "Must be 0: the container's root (id 0) has to be mapped" },
      });
    });
    fireEvent.click(await within(dialog()).findByRole('checkbox', { name: /Unprivileged/ }));
    expect(field('User ids on the host from').value).toBe('100000');
    expect(field('Number of group ids').value).toBe('65536');
    fireEvent.change(field('User ids inside from'), { target: { value: '5' } });
    click('Next');
    await within(dialog()).findByText("Must be 0: the container's root (id 0) has to be mapped");
  });

  it('does not offer debootstrap where the host cannot run it, and says why', async () => {
    renderWizard({ ...FACTS, root: false });
    fireEvent.click(
      await within(dialog()).findByRole('radio', { name: /Operating system container/ }),
    );
    await waitFor(() => expect(radio(/Make it here with debootstrap/).disabled).toBe(true));
    expect(dialog().textContent).toContain('debootstrap needs root');
  });
});
