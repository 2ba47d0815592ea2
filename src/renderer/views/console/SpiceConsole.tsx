import { SpiceMainConn } from '@spice-project/spice-html5/src/main.js';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleTicket } from '../../../shared/api/types';

interface Props {
  ticket: ConsoleTicket;
  onConnected(): void;
  onDisconnected(reason: string): void;
}

/**
 * A SPICE display through spice-html5 (display, keyboard and mouse; no Send key menu: the
 * library's Ctrl+Alt+Del helper reads a global it never sets). Remounted per ticket.
 */
export function SpiceConsole({ ticket, ...props }: Props) {
  const { t } = useTranslation('console');
  // spice-html5 finds its screen by element id.
  const screenId = `vd-spice-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const screenRef = useRef<HTMLDivElement>(null);
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  useEffect(() => {
    let conn: SpiceMainConn | undefined;
    let ended = false;
    const fail = (reason: string) => {
      if (ended) return;
      ended = true;
      callbacks.current.onDisconnected(reason);
    };
    try {
      conn = new SpiceMainConn({
        uri: ticket.url,
        password: ticket.password ?? '',
        screen_id: screenId,
        onsuccess: () => callbacks.current.onConnected(),
        onerror: (err) => fail(err.message || t('reason.lost')),
      });
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
    return () => {
      ended = true;
      try {
        conn?.stop();
      } catch {
        // Already torn down by an error: nothing left to close.
      }
      // stop() leaves the surfaces it drew; the next session starts on a clean screen.
      screenRef.current?.replaceChildren();
    };
  }, [ticket, screenId, t]);

  return (
    <div
      ref={screenRef}
      id={screenId}
      role="region"
      aria-label={t('region')}
      dir="ltr"
      className="vd-console-screen vd-console-spice"
    />
  );
}
