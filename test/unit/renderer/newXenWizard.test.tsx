/**
 * The New VM wizard on a xen:// connection (views/new-xen/) over a scripted backend: the guest
 * types (PV with a kernel from the host, PV through pygrub, HVM from an ISO) and the fields each
 * shows, what `xen.previewXml` and `xen.create` are sent, the XML shown before Create, and the
 * backend's refusals shown under their fields (translated) with nothing created.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { NewVmWizard } from '../../../src/renderer/views/new-vm/NewVmWizard';
import type { XenHostFacts } from '../../../src/shared/api/methods/xen';
import { msg } from '../../../src/shared/messages/message';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(async () => {
  cleanup();
  window.location.hash = '';
  await act(() => i18next.changeLanguage('en'));
});

const FACTS: XenHostFacts = {
  memoryMiB: 8192,
  cpus: 4,
  bridges: ['xenbr0', 'xenbr1'],
  mac: '00:16:3e:12:34:56',
};
const UUID = '6c8f0a52-3b5e-4d0e-9a7b-0e2b7d1f5a21';
const XML =
  '<domain type="xen">\n  <name>vdk-xen-pv</name>\n  <os>\n    <kernel>/boot/vmlinuz</kernel>';

function renderWizard(answers: Parameters<typeof fakeBackend>[0] = {}) {
  const backend = fakeBackend({
    'xen.hostFacts': () => FACTS,
    'xen.previewXml': () => ({ xml: XML, uuid: UUID }),
    'xen.create': () => ({ uuid: UUID, name: 'vdk-xen-pv' }),
    ...answers,
  });
  renderWithServices(
    backend,
    <NewVmWizard
      connections={[
        { id: 'kvm', uri: 'qemu:///system', autoconnect: true },
        { id: 'xen', uri: 'xen+ssh://root@dom0/system', autoconnect: true },
      ]}
      initialConnectionId="xen"
      onClose={() => {}}
    />,
  );
  return backend;
}

/** The label's words exactly, a required field's asterisk aside. */
const label = (words: string) =>
  new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\u00a0]*\\*?$`);
const field = (words: string) => screen.getByLabelText<HTMLInputElement>(label(words));
const noField = (words: string) => expect(screen.queryByLabelText(label(words))).toBeNull();
const type = (words: string, value: string) =>
  fireEvent.change(field(words), { target: { value } });
const sent = (backend: ReturnType<typeof fakeBackend>, method: string) =>
  backend.calls.filter((c) => c.method === method).map((c) => c.params);

// Whole wizards in happy-dom take seconds each on a loaded machine.
describe('New Xen guest wizard', { timeout: 30_000 }, () => {
  it('makes a PV guest booting a kernel from the host: the fields, the XML, then Create', async () => {
    const backend = renderWizard();
    expect(screen.getByText('New Xen guest')).toBeTruthy();
    // The host's facts: its memory and CPUs, its xenbr0 and a MAC in Xen's range.
    await screen.findByText('The host has 8192 MiB');
    expect(screen.getByText('The host has 4 CPUs')).toBeTruthy();
    expect(screen.getByText('Bridges on the host: xenbr0, xenbr1')).toBeTruthy();
    await waitFor(() => expect(field('Bridge').value).toBe('xenbr0'));
    expect(field('MAC address').value).toBe('00:16:3e:12:34:56');
    expect(
      screen.getByLabelText<HTMLInputElement>('Paravirtualized (PV): kernel from the host').checked,
    ).toBe(true);
    // PV with a kernel asks for it, its initrd and command line; nothing of HVM or pygrub.
    noField('Installer ISO');
    noField('Bootloader');

    type('Name', 'vdk-xen-pv');
    type('Kernel', '/boot/vmlinuz');
    type('Initrd', '/boot/initrd.img');
    type('Kernel command line', 'root=/dev/xvda1 ro console=hvc0');
    type('Memory (MiB)', '512');
    type('vCPUs', '2');
    type('Disk', '/dev/vg0/vdk-xen-pv');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByText('The guest libvirt will define');
    expect(sent(backend, 'xen.previewXml')).toEqual([
      {
        connectionId: 'xen',
        kind: 'pv-kernel',
        name: 'vdk-xen-pv',
        kernel: '/boot/vmlinuz',
        initrd: '/boot/initrd.img',
        cmdline: 'root=/dev/xvda1 ro console=hvc0',
        bootloader: undefined,
        iso: undefined,
        memoryMiB: 512,
        vcpus: 2,
        disk: '/dev/vg0/vdk-xen-pv',
        diskFormat: 'raw',
        network: { kind: 'bridge', name: 'xenbr0', mac: '00:16:3e:12:34:56' },
        start: true,
      },
    ]);
    expect(screen.getByLabelText('Guest XML').textContent).toContain(
      '<kernel>/boot/vmlinuz</kernel>',
    );
    expect(backend.count('xen.create')).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(backend.count('xen.create')).toBe(1));
    // Create defines what was shown: the preview's UUID goes with the same options.
    expect(sent(backend, 'xen.create')[0]).toEqual({
      ...(sent(backend, 'xen.previewXml')[0] as object),
      uuid: UUID,
    });
    await waitFor(() => expect(window.location.hash).toContain(UUID));
    expect(window.location.hash).toContain('console');
  });

  it('HVM asks for the installer ISO; refusals show under their fields and nothing is created', async () => {
    const backend = renderWizard({
      'xen.previewXml': () => {
        throw new Refusal({
          code: 'invalid-input',
          message: 'Give the path of the installer ISO on the Xen host',
          fields: {
            iso: 'Give the path of the installer ISO on the Xen host',
            disk: '/srv/x.img does not exist on the host (or the connecting user cannot see it)',
          },
          fieldTexts: {
            iso: msg('xen.isoRequired'),
            disk: msg('xen.diskMissing', { path: '/srv/x.img' }),
          },
        });
      },
    });
    await screen.findByText('The host has 8192 MiB');
    type('Kernel', '/boot/vmlinuz');
    fireEvent.click(screen.getByLabelText('Fully virtualized (HVM): install from an ISO'));
    noField('Kernel');
    expect(field('Installer ISO').value).toBe('');
    expect(
      screen.getByText(
        "Boots the installer ISO in an emulated machine; its screen is a VNC display on the host's 127.0.0.1",
      ),
    ).toBeTruthy();
    type('Name', 'vdk-xen-hvm');
    type('Disk', '/srv/x.img');
    fireEvent.change(screen.getByLabelText('Disk format'), { target: { value: 'qcow2' } });
    // A kernel typed for PV is not sent once HVM is chosen.
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByText('Give the path of the installer ISO on the Xen host');
    expect(
      screen.getByText(
        '/srv/x.img does not exist on the host (or the connecting user cannot see it)',
      ),
    ).toBeTruthy();
    expect(sent(backend, 'xen.previewXml')[0]).toMatchObject({
      kind: 'hvm',
      iso: undefined,
      kernel: undefined,
      disk: '/srv/x.img',
      diskFormat: 'qcow2',
    });
    // Still on the form: no XML, no Create.
    expect(screen.getByRole('button', { name: 'Next' })).toBeTruthy();
    expect(backend.count('xen.create')).toBe(0);

    // The same refusal in German, from the message keys.
    await act(() => i18next.changeLanguage('de'));
    fireEvent.click(screen.getByRole('button', { name: 'Weiter' }));
    await screen.findByText('Geben Sie den Pfad zum Installations-ISO auf dem Xen-Host an');
  });

  it('PV through pygrub without a network: the bootloader is sent, not the kernel or a NIC', async () => {
    const backend = renderWizard();
    await screen.findByText('The host has 8192 MiB');
    type('Kernel', '/boot/vmlinuz');
    fireEvent.click(screen.getByLabelText('Paravirtualized (PV): bootloader'));
    expect(field('Bootloader').value).toBe('pygrub');
    noField('Kernel');
    fireEvent.change(screen.getByLabelText('Network'), { target: { value: 'none' } });
    noField('MAC address');
    fireEvent.click(screen.getByLabelText('Start the guest when it is created'));
    type('Name', 'vdk-xen-pygrub');
    type('Disk', '/dev/vg0/pygrub');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('The guest libvirt will define');
    expect(sent(backend, 'xen.previewXml')[0]).toMatchObject({
      kind: 'pv-bootloader',
      bootloader: 'pygrub',
      kernel: undefined,
      network: { kind: 'none' },
      start: false,
    });
    // Back keeps what was typed.
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(field('Name').value).toBe('vdk-xen-pygrub');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('The guest libvirt will define');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    // Not started: the guest's page opens, not its console.
    await waitFor(() => expect(window.location.hash).toContain(UUID));
    expect(window.location.hash).not.toContain('console');
  });

  it('a QEMU connection keeps the VM wizard', async () => {
    const backend = renderWizard();
    await screen.findByText('New Xen guest');
    fireEvent.change(screen.getByLabelText('Host'), { target: { value: 'kvm' } });
    await waitFor(() => expect(screen.queryByText('New Xen guest')).toBeNull());
    expect(backend.count('newVm.hostFacts')).toBeGreaterThan(0);
  });
});
