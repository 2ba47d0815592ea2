import { SpiceMainConn } from '@spice-project/spice-html5/src/main.js';
import { Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from '@patternfly/react-core';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleTicket } from '../../../shared/api/types';
import { FullscreenButton, useFullscreen } from './fullscreen';
import { comboStrokes, type SendKeyCombo } from './keysyms';
import { SendKeyMenu } from './SendKeyMenu';
import { sendSpiceStrokes } from './spiceInput';

interface Props {
  ticket: ConsoleTicket;
  onConnected(): void;
  onDisconnected(reason: string): void;
  /** Shown at the toolbar's start: the console picker and status live in the parent. */
  leading: ReactNode;
}

/** A SPICE display through spice-html5 (display, keyboard, mouse, Send key). Remounted per ticket. */
export function SpiceConsole({ ticket, leading, ...props }: Props) {
  const { t } = useTranslation('console');
  // spice-html5 finds its screen by element id.
  const screenId = `vd-spice-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const screenRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const connRef = useRef<SpiceMainConn | undefined>(undefined);
  const [connected, setConnected] = useState(false);
  const fullscreen = useFullscreen(wrapRef);
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  useEffect(() => {
    // The screen element is React's and stays the same node while this component lives.
    const screen = screenRef.current;
    let ended = false;
    const fail = (reason: string) => {
      if (ended) return;
      ended = true;
      setConnected(false);
      callbacks.current.onDisconnected(reason);
    };
    try {
      connRef.current = new SpiceMainConn({
        uri: ticket.url,
        password: ticket.password ?? '',
        screen_id: screenId,
        onsuccess: () => {
          setConnected(true);
          callbacks.current.onConnected();
        },
        onerror: (err) => fail(err.message || t('reason.lost')),
      });
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
    return () => {
      ended = true;
      try {
        connRef.current?.stop();
      } catch {
        // Already torn down by an error: nothing left to close.
      }
      connRef.current = undefined;
      // stop() leaves the surfaces it drew; the next session starts on a clean screen.
      screen?.replaceChildren();
    };
  }, [ticket, screenId, t]);

  const sendCombo = (combo: SendKeyCombo) => {
    const conn = connRef.current;
    if (conn) sendSpiceStrokes(conn, comboStrokes(combo.keys));
  };

  return (
    <div className="vd-console-body" ref={wrapRef}>
      <Toolbar className="vd-console-toolbar">
        <ToolbarContent>
          {leading}
          <ToolbarGroup>
            <ToolbarItem>
              <SendKeyMenu disabled={!connected} onSendKey={sendCombo} />
            </ToolbarItem>
            <ToolbarItem>
              <FullscreenButton active={fullscreen.active} onToggle={fullscreen.toggle} />
            </ToolbarItem>
          </ToolbarGroup>
        </ToolbarContent>
      </Toolbar>
      {/* The guest's screen is not mirrored for right-to-left languages. */}
      <div
        ref={screenRef}
        id={screenId}
        role="region"
        aria-label={t('region')}
        dir="ltr"
        className="vd-console-screen vd-console-spice"
      />
    </div>
  );
}
