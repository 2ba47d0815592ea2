import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleTicket } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';
import { reconnectDelayMs } from './reconnect';

/**
 * One console's connection life: a fresh one-time ticket for each (re)connect, the viewer
 * remounted per ticket (`session`), reconnect with backoff after an unexpected drop while the
 * guest runs, and nothing while it does not.
 */
export type SessionPhase =
  | { kind: 'idle' }
  | { kind: 'opening' }
  | { kind: 'open'; ticket: ConsoleTicket; session: number; connected: boolean }
  | { kind: 'retrying'; reason: string; inMs: number }
  | { kind: 'failed'; message: string };

export interface ConsoleSession {
  phase: SessionPhase;
  /** The viewer reached the guest's display / console. */
  connected(): void;
  /** The viewer's socket closed without us closing it. */
  disconnected(reason: string): void;
  /** Opens a new ticket now (the Reconnect button). */
  reconnect(): void;
}

export function useConsoleSession(
  connectionId: string,
  uuid: string,
  targetId: string | undefined,
  running: boolean,
): ConsoleSession {
  const client = useClient();
  const [phase, setPhase] = useState<SessionPhase>({ kind: 'idle' });
  // Bumped to open a new ticket for the same target (retry, Reconnect).
  const [generation, setGeneration] = useState(0);
  const attempt = useRef(0);
  const session = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const clearRetry = () => {
    clearTimeout(retryTimer.current);
    retryTimer.current = undefined;
  };

  // Not a useApiQuery read: consoles.open issues a one-time ticket (a gateway session of its
  // own), which no cache may share between views or hand out twice.
  useEffect(() => {
    clearRetry();
    if (!running || !targetId) {
      attempt.current = 0;
      setPhase({ kind: 'idle' });
      return;
    }
    let live = true;
    setPhase({ kind: 'opening' });
    client
      .call('consoles.open', { connectionId, uuid, targetId })
      .then((ticket) => {
        if (!live) return;
        session.current += 1;
        setPhase({ kind: 'open', ticket, session: session.current, connected: false });
      })
      .catch((err: unknown) => {
        if (live) setPhase({ kind: 'failed', message: errorMessage(err) });
      });
    return () => {
      live = false;
    };
  }, [client, connectionId, uuid, targetId, running, generation]);

  useEffect(() => clearRetry, []);

  const connected = useCallback(() => {
    attempt.current = 0;
    setPhase((p) => (p.kind === 'open' && !p.connected ? { ...p, connected: true } : p));
  }, []);

  const runningRef = useRef(running);
  useEffect(() => {
    runningRef.current = running;
  }, [running]);
  const disconnected = useCallback((reason: string) => {
    // A guest shutting down drops the display: the state change (not a retry) brings it back.
    if (!runningRef.current) return;
    const inMs = reconnectDelayMs(attempt.current);
    attempt.current += 1;
    setPhase({ kind: 'retrying', reason, inMs });
    clearRetry();
    retryTimer.current = setTimeout(() => setGeneration((g) => g + 1), inMs);
  }, []);

  const reconnect = useCallback(() => {
    attempt.current = 0;
    setGeneration((g) => g + 1);
  }, []);

  return { phase, connected, disconnected, reconnect };
}
