/**
 * The ending of a job an AbortSignal may cut short (a command run on a host): the first outcome
 * wins, later ones are ignored, and the abort listener goes with it. On abort, `onAbort` runs
 * once; it reports the cancellation through `settle` and stops the job.
 */
export interface SettleOnce {
  settle(done: () => void): void;
  readonly settled: boolean;
}

export function settleOnce(signal: AbortSignal | undefined, onAbort: () => void): SettleOnce {
  let settled = false;
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    settle(done) {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      done();
    },
    get settled() {
      return settled;
    },
  };
}
