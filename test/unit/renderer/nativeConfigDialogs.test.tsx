/**
 * "Import config" and "Show as xl.cfg" (views/native-config/) over a scripted backend: which
 * connections offer them, what `nativeConfig.toXml`, `.define` and `.fromVm` are sent, the XML
 * preview shown before anything is defined, libvirt's own words when it cannot read a config, and
 * the VM's xl.cfg shown read-only.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ImportConfigButton,
  ShowNativeConfigButton,
} from '../../../src/renderer/views/native-config/NativeConfigButtons';
import type { ConnectionConfig } from '../../../src/shared/api/types';
import { msg } from '../../../src/shared/messages/message';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const XEN: ConnectionConfig = { id: 'xen', uri: 'xen+ssh://root@dom0/system', autoconnect: true };
const LXC: ConnectionConfig = { id: 'lxc', uri: 'lxc:///system', autoconnect: true };
const KVM: ConnectionConfig = { id: 'kvm', uri: 'qemu:///system', autoconnect: true };
const UUID = '6c8f0a52-3b5e-4d0e-9a7b-0e2b7d1f5a01';
const CFG = 'name = "vdk-native-xen-pv"\nmemory = 512\nkernel = "/boot/vmlinuz"\n';
const XML = '<domain type="xen">\n  <name>vdk-native-xen-pv</name>\n</domain>\n';
/** virConf's words for a line that is not `name = value` (libvirt 9.0, as recorded). */
const PARSE_ERROR = 'configuration file syntax error: memory conf:1: expecting an assignment';

const sent = (backend: ReturnType<typeof fakeBackend>, method: string) =>
  backend.calls.filter((c) => c.method === method).map((c) => c.params);

describe('Import config', { timeout: 30_000 }, () => {
  it('is offered only for connections that import a native format', () => {
    const backend = fakeBackend({});
    renderWithServices(backend, <ImportConfigButton connections={[KVM]} />);
    expect(screen.queryByRole('button', { name: 'Import config' })).toBeNull();
  });

  it('previews a pasted xl.cfg as libvirt XML, then defines it and opens the VM', async () => {
    const backend = fakeBackend({
      'nativeConfig.toXml': () => ({ xml: XML, name: 'vdk-native-xen-pv' }),
      'nativeConfig.define': () => ({ uuid: UUID, name: 'vdk-native-xen-pv' }),
    });
    renderWithServices(backend, <ImportConfigButton connections={[KVM, LXC, XEN]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Import config' }));
    await screen.findByText('Import a native config');
    // The QEMU connection imports nothing: only LXC and Xen are offered.
    const connection = screen.getByLabelText<HTMLSelectElement>('Connection');
    expect([...connection.options].map((o) => o.value)).toEqual(['lxc', 'xen']);
    fireEvent.change(connection, { target: { value: 'xen' } });
    const format = screen.getByLabelText<HTMLSelectElement>('Format');
    expect([...format.options].map((o) => o.textContent)).toEqual(['xl.cfg', 'Xen SXP']);
    expect(format.value).toBe('xen-xl');

    fireEvent.click(screen.getByLabelText('Pasted text'));
    fireEvent.change(screen.getByLabelText('Config text'), { target: { value: CFG } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview XML' }));

    const preview = await screen.findByLabelText<HTMLTextAreaElement>(
      'Domain XML (nothing is defined yet)',
    );
    expect(preview.value).toBe(XML);
    expect(sent(backend, 'nativeConfig.toXml')).toEqual([
      { connectionId: 'xen', format: 'xen-xl', source: { text: CFG } },
    ]);
    expect(backend.count('nativeConfig.define')).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: 'Define vdk-native-xen-pv' }));
    await waitFor(() => expect(window.location.hash).toContain(UUID));
    expect(sent(backend, 'nativeConfig.define')).toEqual([{ connectionId: 'xen', xml: XML }]);
  });

  it("shows libvirt's words when it cannot read the config; nothing is defined", async () => {
    const backend = fakeBackend({
      'nativeConfig.toXml': () => {
        throw new Refusal({
          code: 'invalid-input',
          message: 'libvirt cannot read this xen-xl config; nothing was defined',
          text: msg('xen.nativeUnparsable', { format: 'xen-xl' }),
          detail: PARSE_ERROR,
        });
      },
    });
    renderWithServices(backend, <ImportConfigButton connections={[XEN]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Import config' }));
    fireEvent.change(await screen.findByLabelText('Path on the host'), {
      target: { value: '/etc/xen/broken.cfg' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview XML' }));

    expect((await screen.findByLabelText("libvirt's message")).textContent).toBe(PARSE_ERROR);
    // Our sentence above it (PatternFly's alert says it once more to screen readers).
    expect(
      screen.getAllByText('libvirt cannot read this xen-xl config; nothing was defined').length,
    ).toBeGreaterThan(0);
    expect(sent(backend, 'nativeConfig.toXml')).toEqual([
      { connectionId: 'xen', format: 'xen-xl', source: { hostPath: '/etc/xen/broken.cfg' } },
    ]);
    // No preview, so nothing can be defined.
    expect(screen.queryByLabelText('Domain XML (nothing is defined yet)')).toBeNull();
    expect(screen.getByRole('button', { name: 'Preview XML' })).toBeTruthy();
    expect(backend.count('nativeConfig.define')).toBe(0);
  });
});

describe('Show as xl.cfg', () => {
  it("shows the VM's config as xl.cfg, read-only", async () => {
    const backend = fakeBackend({ 'nativeConfig.fromVm': () => ({ config: CFG }) });
    renderWithServices(
      backend,
      <ShowNativeConfigButton connection={XEN} uuid={UUID} usable={true} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show as xl.cfg' }));
    const text = await screen.findByLabelText<HTMLTextAreaElement>("The VM's config as xl.cfg");
    expect(text.value).toBe(CFG);
    expect(text.readOnly).toBe(true);
    expect(screen.getByText('This VM as xl.cfg')).toBeTruthy();
    expect(sent(backend, 'nativeConfig.fromVm')).toEqual([
      { connectionId: 'xen', uuid: UUID, format: 'xen-xl' },
    ]);
  });

  it("says libvirt's refusal", async () => {
    const backend = fakeBackend({
      'nativeConfig.fromVm': () => {
        throw new Refusal({
          code: 'libvirt',
          message: 'libvirt cannot show this VM as xen-xl',
          text: msg('xen.nativeExportRefused', { format: 'xen-xl' }),
        });
      },
    });
    renderWithServices(
      backend,
      <ShowNativeConfigButton connection={XEN} uuid={UUID} usable={true} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show as xl.cfg' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'libvirt cannot show this VM as xen-xl',
    );
  });

  it('is not offered where the driver writes no native format (LXC, QEMU)', () => {
    const backend = fakeBackend({});
    renderWithServices(
      backend,
      <>
        <ShowNativeConfigButton connection={LXC} uuid={UUID} usable={true} />
        <ShowNativeConfigButton connection={KVM} uuid={UUID} usable={true} />
      </>,
    );
    expect(screen.queryByRole('button', { name: /^Show as/ })).toBeNull();
  });
});
