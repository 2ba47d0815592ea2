/**
 * The VNC console's clipboard panel (issue 18): text for the guest is cut to 1 MiB, and the panel
 * says so, whether it was typed or pasted from this computer; the guest's clipboard, cut on its
 * way in, says so too.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClipboardPanel } from '../../../src/renderer/views/console/ClipboardPanel';
import { CLIPBOARD_LIMIT_BYTES } from '../../../src/renderer/views/console/clipboard';
import { fakeBackend, renderWithServices } from './support/fakeBackend';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const CUT_NOTICE = 'Cut to the first 1024 KiB.';

function panel(props: { guestText?: string; guestCut?: boolean } = {}) {
  const sent: string[] = [];
  const backend = fakeBackend({ 'consoleTools.clipboardAgent': () => 'connected' });
  renderWithServices(
    backend,
    <ClipboardPanel
      connectionId="c1"
      uuid="u1"
      guestText={props.guestText}
      guestCut={props.guestCut ?? false}
      connected
      onSend={(text) => sent.push(text)}
    />,
  );
  return { sent, backend };
}

describe('the clipboard panel', () => {
  it('sends text within 1 MiB whole, with no notice', () => {
    const { sent } = panel();
    fireEvent.change(screen.getByLabelText('Send to the guest'), { target: { value: 'hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent).toEqual(['hello']);
    expect(screen.queryByText(CUT_NOTICE)).toBeNull();
  });

  it('cuts typed text past 1 MiB and says so', () => {
    const { sent } = panel();
    const big = 'x'.repeat(CLIPBOARD_LIMIT_BYTES + 100);
    fireEvent.change(screen.getByLabelText('Send to the guest'), { target: { value: big } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(CLIPBOARD_LIMIT_BYTES);
    expect(screen.getByText(CUT_NOTICE)).toBeTruthy();
    // The next text within the limit clears the notice.
    fireEvent.change(screen.getByLabelText('Send to the guest'), { target: { value: 'small' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent[1]).toBe('small');
    expect(screen.queryByText(CUT_NOTICE)).toBeNull();
  });

  it("cuts text pasted from this computer's clipboard too, in UTF-8 bytes", async () => {
    // Two-byte characters: half as many fit.
    const big = 'ü'.repeat(CLIPBOARD_LIMIT_BYTES);
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { readText: () => Promise.resolve(big), writeText: () => Promise.resolve() },
    });
    try {
      const { sent } = panel();
      fireEvent.click(screen.getByRole('button', { name: 'Paste from this computer' }));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toHaveLength(CLIPBOARD_LIMIT_BYTES / 2);
      expect(await screen.findByText(CUT_NOTICE)).toBeTruthy();
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it("says when the guest's clipboard was cut on its way in", () => {
    panel({ guestText: 'y'.repeat(10), guestCut: true });
    expect(screen.getByText(CUT_NOTICE)).toBeTruthy();
    cleanup();
    panel({ guestText: 'short', guestCut: false });
    expect(screen.queryByText(CUT_NOTICE)).toBeNull();
  });
});
