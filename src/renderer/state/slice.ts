/**
 * One independent piece of state with its own subscribers. The app has many small slices instead
 * of one store with a single "changed" event, so a stats tick never wakes the VM list, and a VM
 * delta never wakes the settings dialog.
 */
export interface Slice<T> {
  get(): T;
  set(next: T): void;
  update(fn: (prev: T) => T): void;
  subscribe(listener: () => void): () => void;
}

export function createSlice<T>(initial: T): Slice<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const set = (next: T) => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set,
    update: (fn) => set(fn(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
