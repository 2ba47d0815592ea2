/**
 * The name a snapshot gets when none is typed: the local date and time, e.g.
 * "2026-12-02 14:05:09". The dialog shows it as the name field's placeholder and the backend
 * uses it when the field is left empty, so both read the same.
 */
export function timestampName(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())} ` +
    `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`
  );
}
