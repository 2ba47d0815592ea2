import RFB from '@novnc/novnc';
import { Toolbar, ToolbarContent } from '@patternfly/react-core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleTicket } from '../../../shared/api/types';
import { downloadUrl, screenshotName } from './download';
import { useFullscreen } from './fullscreen';
import { comboStrokes, textStrokes, type KeyStroke, type SendKeyCombo } from './keysyms';
import { PasteKeysModal } from './PasteKeysModal';
import { ClipboardPanel } from './ClipboardPanel';
import { cutClipboard } from './clipboard';
import { VncToolbar, type VncViewOptions } from './VncToolbar';

interface Props {
  ticket: ConsoleTicket;
  vmName: string;
  /** The VM, for its clipboard channel. */
  connectionId: string;
  uuid: string;
  options: VncViewOptions;
  onOptions(options: VncViewOptions): void;
  onConnected(): void;
  onDisconnected(reason: string): void;
  /** Shown at the toolbar's start: the console picker and status live in the parent. */
  leading: ReactNode;
}

// The guest's keyboard buffer is small; QEMU paces VNC keys too, this keeps long pastes whole.
const TYPE_DELAY_MS = 15;

/** A noVNC session on one ticket. Remounted for every ticket; unmounting closes the socket. */
export function VncConsole({
  ticket,
  vmName,
  connectionId,
  uuid,
  options,
  onOptions,
  ...props
}: Props) {
  const { t } = useTranslation('console');
  const screenRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const rfbRef = useRef<RFB | null>(null);
  const [connected, setConnected] = useState(false);
  const [grabbed, setGrabbed] = useState(false);
  const [pasting, setPasting] = useState(false);
  const [clipboardOpen, setClipboardOpen] = useState(false);
  const [guestClipboard, setGuestClipboard] = useState<{ text: string; cut: boolean }>();
  const fullscreen = useFullscreen(wrapRef);
  // Callbacks change identity per render; the session must not reconnect for that.
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  useEffect(() => {
    const target = screenRef.current;
    if (!target) return;
    const rfb = new RFB(target, ticket.url, {
      credentials: ticket.password ? { password: ticket.password } : undefined,
      wsProtocols: ['binary'],
    });
    rfbRef.current = rfb;
    rfb.background = 'var(--vd-console-background)';
    let failure: string | undefined;
    const onConnect = () => {
      setConnected(true);
      callbacks.current.onConnected();
    };
    const onDisconnect = (e: CustomEvent<{ clean: boolean }>) => {
      setConnected(false);
      const reason = failure ?? (e.detail.clean ? t('reason.closed') : t('reason.lost'));
      callbacks.current.onDisconnected(reason);
    };
    const onSecurity = (e: CustomEvent<{ status: number; reason?: string }>) => {
      failure = e.detail.reason
        ? t('reason.security', { reason: e.detail.reason })
        : t('reason.securityNoReason');
    };
    // The password comes with the ticket; being asked again means the app has none that works.
    const onCredentials = () => {
      failure = t('reason.password');
      rfb.disconnect();
    };
    // The guest's clipboard, through its agent: kept (cut to the limit) for the panel.
    const onClipboard = (e: CustomEvent<{ text: string }>) =>
      setGuestClipboard(cutClipboard(e.detail.text));
    rfb.addEventListener('clipboard', onClipboard);
    rfb.addEventListener('connect', onConnect);
    rfb.addEventListener('disconnect', onDisconnect);
    rfb.addEventListener('securityfailure', onSecurity);
    rfb.addEventListener('credentialsrequired', onCredentials);
    // noVNC creates its canvas in the constructor; its focus is where guest keys go.
    const canvas = target.querySelector('canvas');
    const onFocus = () => setGrabbed(true);
    const onBlur = () => setGrabbed(false);
    canvas?.addEventListener('focus', onFocus);
    canvas?.addEventListener('blur', onBlur);
    return () => {
      // Our own close is not a drop: no reconnect for it.
      rfb.removeEventListener('disconnect', onDisconnect);
      rfb.removeEventListener('connect', onConnect);
      rfb.removeEventListener('clipboard', onClipboard);
      canvas?.removeEventListener('focus', onFocus);
      canvas?.removeEventListener('blur', onBlur);
      rfbRef.current = null;
      rfb.disconnect();
    };
  }, [ticket, t]);

  useEffect(() => {
    const rfb = rfbRef.current;
    if (!rfb) return;
    rfb.scaleViewport = options.scale;
    rfb.resizeSession = options.resize;
  }, [options, connected]);

  const send = (strokes: KeyStroke[]) => {
    const rfb = rfbRef.current;
    for (const s of strokes) rfb?.sendKey(s.keysym, s.code, s.down);
  };

  const sendCombo = (combo: SendKeyCombo) => {
    send(comboStrokes(combo.keys));
    // Back to the guest, as after a virt-manager Send Key.
    rfbRef.current?.focus({ preventScroll: true });
  };

  const typeText = async (text: string) => {
    const { chars } = textStrokes(text);
    const rfb = rfbRef.current;
    for (const strokes of chars) {
      if (rfbRef.current !== rfb) return; // the session ended meanwhile
      send(strokes);
      await new Promise((resolve) => setTimeout(resolve, TYPE_DELAY_MS));
    }
  };

  const screenshot = () => {
    const rfb = rfbRef.current;
    if (rfb) downloadUrl(rfb.toDataURL('image/png'), screenshotName(vmName, new Date()));
  };

  return (
    <div className="vd-console-body" ref={wrapRef}>
      <Toolbar className="vd-console-toolbar">
        <ToolbarContent>
          {props.leading}
          <VncToolbar
            options={options}
            onOptions={onOptions}
            connected={connected}
            grabbed={grabbed}
            onSendKey={sendCombo}
            fullscreen={fullscreen.active}
            onFullscreen={fullscreen.toggle}
            onScreenshot={screenshot}
            onPaste={() => setPasting(true)}
            clipboardOpen={clipboardOpen}
            onClipboard={() => setClipboardOpen((open) => !open)}
          />
        </ToolbarContent>
      </Toolbar>
      {clipboardOpen && (
        <ClipboardPanel
          connectionId={connectionId}
          uuid={uuid}
          guestText={guestClipboard?.text}
          guestCut={guestClipboard?.cut ?? false}
          connected={connected}
          onSend={(text) => rfbRef.current?.clipboardPasteFrom(text)}
        />
      )}
      {/* The guest's screen is not mirrored for right-to-left languages. */}
      <div
        ref={screenRef}
        role="region"
        aria-label={t('region')}
        dir="ltr"
        className={options.scale ? 'vd-console-screen' : 'vd-console-screen is-natural'}
      />
      {pasting && (
        <PasteKeysModal
          onClose={() => setPasting(false)}
          onType={(text) => {
            setPasting(false);
            void typeText(text).then(() => rfbRef.current?.focus({ preventScroll: true }));
          }}
        />
      )}
    </div>
  );
}
