import type { ConsoleTarget } from '../../../shared/api/types';

/** Delay before reconnect attempt `n` (0-based) after an unexpected drop: 1 s, 2 s, 4 s, 8 s, 10 s… */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt), 10_000);
}

/**
 * The console shown first, as virt-manager does: the first graphics console the app can open,
 * else the first serial one, else the first of any kind (so its "why not" is shown).
 */
export function defaultTarget(targets: readonly ConsoleTarget[]): ConsoleTarget | undefined {
  return (
    targets.find((t) => t.supported && t.kind !== 'serial') ??
    targets.find((t) => t.supported) ??
    targets[0]
  );
}

/** Keeps the user's pick while the list still has it (the list is re-read on every start). */
export function keepOrDefault(
  targets: readonly ConsoleTarget[],
  pickedId: string | undefined,
): ConsoleTarget | undefined {
  return targets.find((t) => t.id === pickedId) ?? defaultTarget(targets);
}
