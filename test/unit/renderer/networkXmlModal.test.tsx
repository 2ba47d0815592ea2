import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkXmlModal } from '../../../src/renderer/views/networks/NetworkXmlModal';
import type { NetworkSummary } from '../../../src/shared/api/networkTypes';
import { fakeBackend, Refusal, renderWithServices, type FakeBackend } from './support/fakeBackend';

afterEach(cleanup);

const network: NetworkSummary = {
  name: 'vd-renderer-lab',
  uuid: '0b0a1e7e-5d6c-4a53-9a4e-3f1f5b2f7a10',
  active: true,
  persistent: true,
  autostart: false,
  forwardMode: 'nat',
  ips: [],
};
const XML = `<network>\n  <name>${network.name}</name>\n</network>\n`;

function renderModal(backend: FakeBackend) {
  return renderWithServices(
    backend,
    <NetworkXmlModal
      connectionId="c1"
      network={network}
      onDefined={() => undefined}
      onClose={() => undefined}
    />,
  );
}

const editor = () => document.getElementById('vd-net-xml') as HTMLTextAreaElement;

describe('NetworkXmlModal reads through the query cache', () => {
  it("shows the network's XML, read once, and Revert brings it back after typing", async () => {
    const backend = fakeBackend({ 'networks.xml': () => XML });
    renderModal(backend);
    await waitFor(() => expect(editor().value).toBe(XML));
    expect(backend.calls).toEqual([
      { method: 'networks.xml', params: { connectionId: 'c1', name: network.name } },
    ]);
    const define = screen.getByRole<HTMLButtonElement>('button', { name: 'Define' });
    expect(define.disabled).toBe(true);

    fireEvent.change(editor(), { target: { value: `${XML}<!-- typed -->` } });
    expect(define.disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Revert' }));
    expect(editor().value).toBe(XML);
    expect(define.disabled).toBe(true);
    expect(backend.count('networks.xml')).toBe(1);
  });

  it("shows the backend's refusal of the read, and no editor", async () => {
    const backend = fakeBackend({
      'networks.xml': () => {
        throw new Refusal({ code: 'not-found', message: 'Network not found: no such network' });
      },
    });
    renderModal(backend);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Network not found: no such network');
    expect(editor()).toBeNull();
    expect(screen.queryByLabelText('Loading')).toBeNull();
  });

  it("keeps the typed text and shows libvirt's words when the define is refused", async () => {
    const backend = fakeBackend({
      'networks.xml': () => XML,
      'networks.defineXml': () => {
        throw new Refusal({ code: 'libvirt', message: 'XML error: missing name' });
      },
    });
    renderModal(backend);
    await waitFor(() => expect(editor().value).toBe(XML));
    const typed = '<network>\n</network>\n';
    fireEvent.change(editor(), { target: { value: typed } });
    fireEvent.click(screen.getByRole('button', { name: 'Define' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('XML error: missing name');
    expect(editor().value).toBe(typed);
  });
});
