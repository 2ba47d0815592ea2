/**
 * A `Match exec` block of ~/.ssh/config is skipped (it would run a command on this computer): the
 * backend says so in the connection's status, and the user sees it, translated, on the host page
 * and as an icon in the connection's row.
 */
import { act, cleanup, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigWarnings } from '../../../src/renderer/views/connections/ConfigWarnings';
import { HostRow } from '../../../src/renderer/views/vm-list/HostRow';
import type { HostStatus } from '../../../src/shared/api/types';
import { fakeBackend, renderWithServices } from './support/fakeBackend';

afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});

const connection = { id: 'c1', uri: 'qemu+ssh://kvm1/system', label: 'kvm1', autoconnect: false };

const status = (over: Partial<HostStatus> = {}): HostStatus => ({
  connectionId: 'c1',
  phase: 'connected',
  warnings: [{ key: 'ssh.matchRefused', params: { criterion: 'exec', file: '~/.ssh/config' } }],
  ...over,
});

const ENGLISH =
  '~/.ssh/config: "Match exec" is not evaluated by Virtdeck (it would run a command on this computer); that block is skipped';

describe('SSH config warnings', () => {
  it('are shown on the host page, in the user’s language', async () => {
    renderWithServices(fakeBackend({}), <ConfigWarnings status={status()} />);
    expect(screen.getByText('Part of the SSH configuration is not applied')).toBeTruthy();
    expect(screen.getByText(ENGLISH)).toBeTruthy();
    await act(() => i18next.changeLanguage('de'));
    expect(screen.getByText('Ein Teil der SSH-Konfiguration wird nicht angewendet')).toBeTruthy();
    expect(screen.getByText(/„Match exec“ wird von Virtdeck nicht ausgewertet/)).toBeTruthy();
  });

  it('are not there when the configuration is applied whole', () => {
    const { container } = renderWithServices(
      fakeBackend({}),
      <ConfigWarnings status={status({ warnings: undefined })} />,
    );
    expect(container.textContent).toBe('');
  });

  it("mark the connection's row, leading to its host page", () => {
    const backend = fakeBackend({
      'credentials.list': () => ({ remember: 'browser-mode', connectionIds: [] }),
    });
    const row = (s: HostStatus) => (
      <HostRow connection={connection} status={s} vmCount={0} index={0} focused top={0} />
    );
    renderWithServices(backend, row(status()));
    const link = screen.getByRole('link', {
      name: 'Part of the SSH configuration of kvm1 is not applied: see its host details',
    });
    expect(link.getAttribute('href')).toBe('#/host/c1/overview');
    cleanup();
    renderWithServices(backend, row(status({ warnings: [] })));
    expect(screen.queryByRole('link', { name: /SSH configuration/ })).toBeNull();
  });
});
