/**
 * Checks of what the renderer sent. Parameters cross a trust boundary (a page could send
 * anything), so each handler reads them through these before anything changes.
 */
import { VirtdeckError } from '../../shared/errors';

export function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new VirtdeckError('invalid-input', `Missing or invalid "${name}"`);
  }
  return value;
}

export function optionalText(value: unknown, name: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, name);
}

/** A finite number within [min, max]; the message names the field and the bounds. */
export function numberIn(value: unknown, name: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new VirtdeckError('invalid-input', `"${name}" must be a number from ${min} to ${max}`);
  }
  return value;
}

export function flag(value: unknown): boolean {
  return value === true;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (!allowed.includes(value as T)) {
    throw new VirtdeckError('invalid-input', `Unknown ${name} "${String(value)}"`);
  }
  return value as T;
}

export function record(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new VirtdeckError('invalid-input', `Missing ${name}`);
  }
  return value as Record<string, unknown>;
}
