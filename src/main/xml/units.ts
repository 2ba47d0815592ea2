/**
 * libvirt's size units (virScaleInteger): "b"/"bytes", decimal "KB", "MB"... (powers of 1000) and
 * binary "k"/"KiB", "M"/"MiB"... (powers of 1024). Sizes are carried as numbers of the unit an
 * API speaks (KiB for domain memory, bytes for volumes) and written back in the unit the document
 * already uses when the value is a whole number of it, so an edit changes as little as it can.
 */
import { invalidInput } from '../../shared/inputChecks';

const BINARY = ['k', 'm', 'g', 't', 'p', 'e'];

/** Bytes per unit, or undefined for a unit libvirt does not know. */
export function unitBytes(unit: string | undefined, fallback: string): number | undefined {
  const u = (unit ?? fallback).trim();
  if (u === '') return unitBytes(fallback, fallback);
  const lower = u.toLowerCase();
  if (lower === 'b' || lower === 'bytes') return 1;
  const m = /^([kmgtpe])(ib|b)?$/.exec(lower);
  if (!m?.[1]) return undefined;
  const power = BINARY.indexOf(m[1]) + 1;
  // "KB", "MB"... are decimal; "K", "KiB", "M", "MiB"... are binary.
  return m[2] === 'b' ? 1000 ** power : 1024 ** power;
}

/** A size element's value in bytes (value × unit), or undefined when unreadable. */
export function sizeInBytes(
  value: string | undefined,
  unit: string | undefined,
  fallbackUnit: string,
): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const per = unitBytes(unit, fallbackUnit);
  return per === undefined ? undefined : Number(value) * per;
}

/**
 * How to write `bytes` into an element whose unit is `unit`: keep the unit when the size is a
 * whole number of it, else use `preferred` (which must divide it).
 */
export function sizeInUnit(
  bytes: number,
  unit: string | undefined,
  fallbackUnit: string,
  preferred: string,
): { value: string; unit: string | undefined } {
  const per = unitBytes(unit, fallbackUnit);
  if (per !== undefined && bytes % per === 0) return { value: String(bytes / per), unit };
  const p = unitBytes(preferred, preferred);
  if (p === undefined || bytes % p !== 0) {
    throw invalidInput(`${bytes} bytes is not a whole number of ${preferred}`);
  }
  return { value: String(bytes / p), unit: preferred };
}
