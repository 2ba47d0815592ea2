import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleTicket } from '../../../shared/api/types';
import { formatBytes } from '../../format';
import { closeReasonText } from './closeReason';
import { historyNotice } from './serialNotice';
import { terminalTheme } from '../../appearance/terminalTheme';
import { useShownTheme } from '../../appearance/theme';

interface Props {
  ticket: ConsoleTicket;
  onConnected(): void;
  onDisconnected(reason: string): void;
}

/**
 * A serial / text console in xterm.js. The gateway's WebSocket carries the guest's raw bytes
 * both ways; xterm.js does the terminal emulation. Remounted per ticket; unmounting closes it.
 */
export function SerialConsole({ ticket, ...props }: Props) {
  const { t } = useTranslation('console');
  const hostRef = useRef<HTMLDivElement>(null);
  const callbacks = useRef(props);
  const terminal = useRef<Terminal | null>(null);
  const theme = useShownTheme();
  const themeNow = useRef(theme);
  useEffect(() => {
    callbacks.current = props;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      convertEol: false,
      cursorBlink: true,
      fontFamily: 'monospace',
      scrollback: 5000,
      theme: terminalTheme(themeNow.current),
    });
    terminal.current = term;
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    fit.fit();
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(host);

    const ws = new WebSocket(ticket.url, 'binary');
    ws.binaryType = 'arraybuffer';
    const encoder = new TextEncoder();
    let closedByUs = false;
    ws.onopen = () => {
      callbacks.current.onConnected();
      term.focus();
    };
    ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
      if (typeof e.data !== 'string') {
        term.write(new Uint8Array(e.data));
        return;
      }
      // The gateway's one text frame: the history kept while no tab was open lost its start.
      const dropped = historyNotice(e.data);
      if (dropped !== undefined) {
        term.write(
          `\x1b[2m${t('consoleTools:historyDropped', { size: formatBytes(dropped) })}\x1b[0m\r\n`,
        );
      }
    };
    ws.onclose = (e) => {
      if (closedByUs) return;
      callbacks.current.onDisconnected(e.reason ? closeReasonText(e.reason) : t('reason.lost'));
    };
    const send = (bytes: Uint8Array) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(bytes);
    };
    const onData = term.onData((data) => send(encoder.encode(data)));
    // Mouse reports and the like arrive as byte strings (one char per byte), not as text.
    const onBinary = term.onBinary((data) =>
      send(Uint8Array.from(data, (ch) => ch.charCodeAt(0) & 0xff)),
    );
    return () => {
      closedByUs = true;
      onData.dispose();
      onBinary.dispose();
      observer.disconnect();
      ws.close();
      term.dispose();
      terminal.current = null;
    };
  }, [ticket, t]);

  // A theme change recolours the open terminal: the session (and its WebSocket) stays.
  useEffect(() => {
    themeNow.current = theme;
    if (terminal.current) terminal.current.options.theme = terminalTheme(theme);
  }, [theme]);

  // The terminal itself stays left-to-right whatever the UI's direction.
  return (
    <div
      ref={hostRef}
      role="region"
      aria-label={t('serialRegion')}
      dir="ltr"
      className="vd-console-screen vd-console-serial"
    />
  );
}
