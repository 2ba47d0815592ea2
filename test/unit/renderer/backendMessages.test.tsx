import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorDetail } from '../../../src/renderer/components/ErrorDetail';
import { hostReason } from '../../../src/renderer/views/connections/hostState';
import { closeReasonText } from '../../../src/renderer/views/console/closeReason';
import { CloneVolumeModal } from '../../../src/renderer/views/storage/CloneVolumeModal';
import { msg } from '../../../src/shared/messages/message';
import { fakeBackend, Refusal, renderWithServices } from './support/fakeBackend';

afterEach(async () => {
  cleanup();
  await act(() => i18next.changeLanguage('en'));
});

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

describe('backend messages in the renderer', () => {
  it("a refusal said as keys shows on its field in German, not the backend's English", async () => {
    const taken = msg('common.volumeTaken', { pool: 'default', volume: 'Kopie „1“' });
    const backend = fakeBackend({
      'storage.volumes.clone': () => {
        throw new Refusal({
          code: 'invalid-input',
          message: 'Pool "default" already has a volume named "Kopie „1“"',
          fields: { newName: 'Pool "default" already has a volume named "Kopie „1“"' },
          fieldTexts: { newName: taken },
        });
      },
    });
    renderWithServices(
      backend,
      <CloneVolumeModal connectionId="c1" volume={volume} onClose={() => {}} onCloned={() => {}} />,
    );
    await act(() => i18next.changeLanguage('de'));
    const submit = document.querySelector<HTMLButtonElement>('button[type="submit"]');
    expect(submit).not.toBeNull();
    fireEvent.click(submit as HTMLButtonElement);
    const said = await screen.findByText(
      'Pool "default" hat bereits ein Volume namens "Kopie „1“"',
    );
    expect(said.closest('.pf-v6-c-form__group')).not.toBeNull();
    expect(screen.queryByText(/already has a volume/)).toBeNull();
  });

  it("libvirt's own words stay untranslated under a Details toggle in the user's language", async () => {
    await act(() => i18next.changeLanguage('ru'));
    render(<ErrorDetail detail="internal error: process exited while connecting to monitor" />);
    const toggle = screen.getByRole('button', { name: 'Подробности' });
    const words = screen.getByText(/process exited while connecting/);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(words.closest('[hidden]')).not.toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(words.closest('[hidden]')).toBeNull();
  });

  it('a form shows a keyed refusal in the user language with its detail under Details', async () => {
    const backend = fakeBackend({
      'storage.volumes.clone': () => {
        throw new Refusal({
          code: 'invalid-input',
          message: 'Not valid XML: unclosed tag (line 3)',
          text: msg('xml.invalid', { reason: 'unclosed tag (line 3)' }),
          detail: 'libvirt: XML error: unclosed tag',
        });
      },
    });
    renderWithServices(
      backend,
      <CloneVolumeModal connectionId="c1" volume={volume} onClose={() => {}} onCloned={() => {}} />,
    );
    await act(() => i18next.changeLanguage('de'));
    fireEvent.click(document.querySelector('button[type="submit"]') as HTMLButtonElement);
    expect(await screen.findByText('Kein gültiges XML: unclosed tag (line 3)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Details' })).toBeTruthy();
    expect(screen.getByText('libvirt: XML error: unclosed tag')).toBeTruthy();
  });

  it("a console's close reason said as a key is shown translated, other words as they came", async () => {
    await act(() => i18next.changeLanguage('ru'));
    expect(closeReasonText(JSON.stringify(msg('consoleGateway.closed')))).toBe('Консоль закрылась');
    expect(closeReasonText('Channel open failure')).toBe('Channel open failure');
    expect(closeReasonText('{not json')).toBe('{not json');
  });

  it("a host's disconnect reason said as a key is shown translated, else as it came", async () => {
    await act(() => i18next.changeLanguage('de'));
    const lost = msg('ssh.lostConnection', { host: 'kvm1', reason: 'ECONNRESET' });
    expect(
      hostReason({ connectionId: 'c', phase: 'disconnected', reason: 'x', reasonText: lost }),
    ).toBe('Verbindung zu kvm1 verloren: ECONNRESET');
    expect(hostReason({ connectionId: 'c', phase: 'disconnected', reason: 'words' })).toBe('words');
  });
});
