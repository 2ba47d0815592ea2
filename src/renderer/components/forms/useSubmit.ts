import { useState } from 'react';

/**
 * A form's submit: busy while `work` runs (the button shows it and cannot be pressed twice), and
 * what `work` throws goes to `fail` (usually the form's errors) instead of being lost.
 */
export function useSubmit(fail: (err: unknown) => void) {
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
