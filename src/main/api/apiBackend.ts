/**
 * What a shell needs from the backend: call a method by name, and hear every event. The Electron
 * shell wires these to IPC, the browser shell to its WebSocket; neither knows anything else.
 */
import type { Reply } from '../../shared/api/wire';

export type EventListener = (name: string, payload: unknown) => void;

export interface ApiBackend {
  /** Runs `method`; never rejects: an unknown method or a failure comes back as `{ ok: false }`. */
  call(method: string, params: unknown): Promise<Reply>;
  /** Every event goes to every subscriber (all windows / tabs); returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** The loopback console gateway's port, which the shells' Content-Security-Policy names. */
  readonly consolePort: number;
  /** Whether `url` is a transfer URL of the backend's loopback gateway (a volume download). */
  isTransferUrl?(url: string): boolean;
  /** Closes every connection; pending prompts are withdrawn. */
  close(): Promise<void>;
}
