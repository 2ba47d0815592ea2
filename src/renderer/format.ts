/** How sizes and shares are written everywhere in the app. */
const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** "1.0 GiB" from KiB, as virt-manager shows memory. */
export function formatKiB(kib: number): string {
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatPercent(value: number): string {
  return `${Math.round(value)} %`;
}

/** "1.5 GiB" from bytes (sizes, transfer speeds). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${Math.round(bytes)} B` : formatKiB(bytes / 1024);
}
