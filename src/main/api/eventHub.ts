import type { ApiEvents, EventName } from '../../shared/api/contract';
import type { EventListener } from './apiBackend';

/** Typed events out of the backend, to every subscribed window or tab. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  /** `check` (the tests' backends) throws on a payload of another shape, before anyone hears it. */
  constructor(private readonly check?: (name: EventName, payload: unknown) => void) {}

  emit<E extends EventName>(name: E, payload: ApiEvents[E]): void {
    try {
      this.check?.(name, payload);
    } catch (err) {
      // Said here too: the emitter may be a background task whose failure nobody reads.
      console.error('Virtdeck:', err);
      throw err;
    }
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch (err) {
        // One broken window must not stop the others from hearing the event.
        console.error('Virtdeck: an event listener failed:', err);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
