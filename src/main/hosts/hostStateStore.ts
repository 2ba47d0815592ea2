import type { HostState } from './host';

/** The current state of a host plus its listeners; shared by LocalHost and SshHost. */
export class HostStateStore {
  private current: HostState;
  private readonly listeners = new Set<(state: HostState) => void>();

  constructor(initial: HostState) {
    this.current = initial;
  }

  get(): HostState {
    return this.current;
  }

  set(next: HostState): void {
    this.current = next;
    // A copy, so that a listener unsubscribing itself does not make us skip the next one.
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (err) {
        // One faulty subscriber must not stop the others from hearing about the change.
        console.error('host state listener failed', err);
      }
    }
  }

  subscribe(listener: (state: HostState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
