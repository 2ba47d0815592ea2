import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FormField } from '../../../src/renderer/components/forms/FormField';
import { CreateNetworkModal } from '../../../src/renderer/views/networks/CreateNetworkModal';
import { CloneVolumeModal } from '../../../src/renderer/views/storage/CloneVolumeModal';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const volume = {
  pool: 'default',
  name: 'disk.qcow2',
  type: 'file',
  format: 'qcow2',
  capacity: 1 << 30,
  allocation: 0,
  path: '/var/lib/libvirt/images/disk.qcow2',
  usedBy: [],
};

/** The clone dialog against a backend that refuses the clone with `fields`. */
function renderCloneRefused(fields: Record<string, string>) {
  const message = Object.values(fields).join('; ');
  const backend = fakeBackend({
    'storage.volumes.clone': () => {
      throw new Refusal({ code: 'invalid-input', message, fields });
    },
  });
  renderWithServices(
    backend,
    <CloneVolumeModal connectionId="c1" volume={volume} onClose={() => {}} onCloned={() => {}} />,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Clone' }));
}

describe('form kit', () => {
  it('FormField: a text box labelled by its label, help under it until an error replaces it', () => {
    const seen: string[] = [];
    const { rerender } = render(
      <FormField id="f" label="Name" value="a" onChange={(v) => seen.push(v)} help="Any name" />,
    );
    const box = screen.getByLabelText('Name');
    fireEvent.change(box, { target: { value: 'ab' } });
    expect(seen).toEqual(['ab']);
    expect(screen.getByText('Any name')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('false');

    rerender(<FormField id="f" label="Name" value="ab" help="Any name" error="Taken" />);
    expect(screen.getByText('Taken')).toBeTruthy();
    expect(screen.queryByText('Any name')).toBeNull();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
  });

  it('a storage form shows the error naming its field under that field, not above the form', async () => {
    renderCloneRefused({ newName: 'A volume of that name exists' });
    const message = await screen.findByText('A volume of that name exists');
    expect(message.closest('.pf-v6-c-form__group')?.textContent).toContain('Name of the copy');
    expect(screen.queryByText('Could not clone the volume')).toBeNull();
    expect(screen.getByLabelText(/Name of the copy/).getAttribute('aria-invalid')).toBe('true');
  });

  it('a storage form says above it what names no field of its own, even beside a field error', async () => {
    renderCloneRefused({
      newName: 'A volume of that name exists',
      pool: 'The pool is not running',
    });
    await screen.findByText('A volume of that name exists');
    const alert = screen.getByText('Could not clone the volume').closest('.pf-v6-c-alert');
    expect(alert?.textContent).toContain('The pool is not running');
    expect(alert?.textContent).not.toContain('A volume of that name exists');
  });

  it('a refusal naming no field at all is said above the form in its own words', async () => {
    const backend = fakeBackend({
      'storage.volumes.clone': () => {
        throw new Refusal({ code: 'libvirt', message: 'storage pool is not active' });
      },
    });
    renderWithServices(
      backend,
      <CloneVolumeModal connectionId="c1" volume={volume} onClose={() => {}} onCloned={() => {}} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Clone' }));
    const alert = (await screen.findByText('Could not clone the volume')).closest('.pf-v6-c-alert');
    expect(alert?.textContent).toContain('storage pool is not active');
  });

  it('a network form shows an indexed field’s error (ipv4.dhcpStart) on that field', async () => {
    const backend = fakeBackend({
      'host.interfaces': () => ({ source: 'udev', interfaces: [] }),
      'networks.create': () => {
        throw new Refusal({
          code: 'invalid-input',
          message: 'The DHCP range must be inside the subnet',
          fields: { 'ipv4.dhcpStart': 'The DHCP range must be inside the subnet' },
        });
      },
    });
    renderWithServices(
      backend,
      <CreateNetworkModal
        connectionId="c1"
        existing={[]}
        onCreated={() => {}}
        onClose={() => {}}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const message = await screen.findByText('The DHCP range must be inside the subnet');
    await waitFor(() =>
      expect(message.closest('.pf-v6-c-form__group')?.querySelector('input')?.id).toBe(
        'vd-net-ipv4-dhcp-start',
      ),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a network form in bridge mode names the host’s bridges in the field’s help', async () => {
    const backend = fakeBackend({
      'host.interfaces': () => ({
        source: 'udev',
        interfaces: [
          { name: 'br0', type: 'bridge' },
          { name: 'eth0', type: 'ethernet' },
        ],
      }),
    });
    renderWithServices(
      backend,
      <CreateNetworkModal
        connectionId="c1"
        existing={[]}
        onCreated={() => {}}
        onClose={() => {}}
      />,
    );
    expect(backend.count('host.interfaces')).toBe(0);
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'bridge' } });
    await screen.findByText('An existing bridge on the host; see Host interfaces. (br0)');
    expect(backend.count('host.interfaces')).toBe(1);
  });
});
