/**
 * Remembered credentials in the renderer (issue 18): the password / passphrase prompt's
 * "Remember" where the shell can keep a secret, the line saying nothing is kept where it cannot,
 * and "Forget password" in a connection's actions.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PromptDialog } from '../../../src/renderer/views/connections/PromptDialog';
import { HostRow } from '../../../src/renderer/views/vm-list/HostRow';
import type { Prompt, RememberMode } from '../../../src/shared/api/types';
import { fakeBackend, renderWithServices } from './support/fakeBackend';

afterEach(cleanup);

const passwordPrompt = (remember: RememberMode): Prompt => ({
  id: 'p1',
  connectionId: 'c1',
  hostLabel: 'kvm1',
  kind: 'password',
  user: 'root',
  attempt: 1,
  remember,
});

const passphrasePrompt = (remember: RememberMode): Prompt => ({
  id: 'p2',
  connectionId: 'c1',
  hostLabel: 'kvm1',
  kind: 'passphrase',
  keyPath: '/home/u/.ssh/id_ed25519',
  attempt: 1,
  remember,
});

function openPrompt(prompt: Prompt) {
  const backend = fakeBackend({ 'prompts.answer': () => undefined });
  const view = renderWithServices(backend, <PromptDialog />);
  act(() => view.store.promptOpened(prompt));
  return { backend, ...view };
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the password prompt', () => {
  it('offers "Remember" where the shell can keep it, and sends the choice', async () => {
    const { backend } = openPrompt(passwordPrompt('offered'));
    type('Password', 's3cret');
    const remember = screen.getByRole('checkbox', { name: 'Remember' });
    expect((remember as HTMLInputElement).checked).toBe(false);
    fireEvent.click(remember);
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(backend.count('prompts.answer')).toBe(1));
    expect(backend.calls.find((c) => c.method === 'prompts.answer')?.params).toEqual({
      id: 'p1',
      answer: { values: ['s3cret'], remember: true },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('sends remember: false when the box is left unticked (a passphrase too)', async () => {
    const { backend } = openPrompt(passphrasePrompt('offered'));
    type('Passphrase', 'words');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(backend.count('prompts.answer')).toBe(1));
    expect(backend.calls.find((c) => c.method === 'prompts.answer')?.params).toEqual({
      id: 'p2',
      answer: { values: ['words'], remember: false },
    });
  });

  it('in browser mode says nothing typed is remembered, and asks for nothing to be kept', async () => {
    const { backend } = openPrompt(passwordPrompt('browser-mode'));
    expect(screen.getByText('Nothing typed here is remembered in browser mode.')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Remember' })).toBeNull();
    type('Password', 's3cret');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(backend.count('prompts.answer')).toBe(1));
    expect(backend.calls.find((c) => c.method === 'prompts.answer')?.params).toEqual({
      id: 'p1',
      answer: { values: ['s3cret'] },
    });
  });

  it('says so when the computer has no usable keychain', () => {
    openPrompt(passphrasePrompt('unavailable'));
    expect(
      screen.getByText('Nothing can be remembered: this computer has no usable keychain.'),
    ).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});

describe("Forget password in the connection's actions", () => {
  const connection = {
    id: 'c1',
    uri: 'qemu+ssh://root@kvm1/system',
    label: 'kvm1',
    autoconnect: false,
  };

  function row(remembered: string[]) {
    let ids = remembered;
    const backend = fakeBackend({
      'credentials.list': () => ({ remember: 'offered', connectionIds: ids }),
      'credentials.forget': (params) => {
        const { connectionId } = params as { connectionId: string };
        ids = ids.filter((id) => id !== connectionId);
        return undefined;
      },
    });
    const view = renderWithServices(
      backend,
      <HostRow
        connection={connection}
        status={{ connectionId: 'c1', phase: 'connected' }}
        vmCount={0}
        index={0}
        focused
        top={0}
      />,
    );
    return { backend, ...view };
  }

  it('calls credentials.forget for that connection, then hides itself', async () => {
    const { backend, store } = row(['c1']);
    const forget = await screen.findByRole('button', {
      name: 'Forget the remembered password or passphrase of kvm1',
    });
    fireEvent.click(forget);
    await waitFor(() => expect(backend.count('credentials.forget')).toBe(1));
    expect(backend.calls.find((c) => c.method === 'credentials.forget')?.params).toEqual({
      connectionId: 'c1',
    });
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Forget the/ })).toBeNull());
    expect(store.notices.get().map((n) => n.titleKey)).toContain('credentials:forgotten');
  });

  it('is not offered for a connection with nothing remembered', async () => {
    const { backend } = row(['other']);
    await waitFor(() => expect(backend.count('credentials.list')).toBeGreaterThan(0));
    expect(screen.queryByRole('button', { name: /^Forget the/ })).toBeNull();
  });
});
