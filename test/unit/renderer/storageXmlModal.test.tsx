import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageXmlModal } from '../../../src/renderer/views/storage/StorageXmlModal';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const POOL_XML = "<pool type='dir'>\n  <name>lab</name>\n</pool>\n";
const VOLUME_XML = '<volume>\n  <name>disk.qcow2</name>\n</volume>\n';

describe('StorageXmlModal', () => {
  it("shows a pool's XML read-only, and Close closes", async () => {
    const backend = fakeBackend({ 'storage.pools.xml': () => POOL_XML });
    let closed = 0;
    renderWithServices(
      backend,
      <StorageXmlModal
        title="XML of pool lab"
        connectionId="c1"
        of={{ pool: 'lab' }}
        onClose={() => closed++}
      />,
    );
    const text = await screen.findByRole<HTMLTextAreaElement>('textbox', {
      name: 'XML of pool lab',
    });
    expect(text.value).toBe(POOL_XML);
    expect(text.readOnly).toBe(true);
    expect(backend.calls).toEqual([
      { method: 'storage.pools.xml', params: { connectionId: 'c1', pool: 'lab' } },
    ]);
    // The header's × and the footer's Close both close.
    for (const close of screen.getAllByRole('button', { name: 'Close' })) fireEvent.click(close);
    expect(closed).toBe(2);
  });

  it("reads a volume's XML, and shows the backend's refusal instead of a text", async () => {
    const backend = fakeBackend({ 'storage.volumes.xml': () => VOLUME_XML });
    renderWithServices(
      backend,
      <StorageXmlModal
        title="XML of volume disk.qcow2"
        connectionId="c1"
        of={{ pool: 'lab', volume: 'disk.qcow2' }}
        onClose={() => undefined}
      />,
    );
    const text = await screen.findByRole<HTMLTextAreaElement>('textbox', {
      name: 'XML of volume disk.qcow2',
    });
    expect(text.value).toBe(VOLUME_XML);
    expect(backend.calls).toEqual([
      {
        method: 'storage.volumes.xml',
        params: { connectionId: 'c1', pool: 'lab', name: 'disk.qcow2' },
      },
    ]);
    cleanup();

    const refusing = fakeBackend({
      'storage.pools.xml': () => {
        throw new Refusal({ code: 'not-found', message: 'Storage pool not found: lab' });
      },
    });
    renderWithServices(
      refusing,
      <StorageXmlModal
        title="XML of pool lab"
        connectionId="c1"
        of={{ pool: 'lab' }}
        onClose={() => undefined}
      />,
    );
    expect(await screen.findByText('Storage pool not found: lab')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
