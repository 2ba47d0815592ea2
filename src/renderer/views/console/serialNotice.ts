/** The bytes the serial history dropped, from the gateway's text frame; undefined for anything else. */
export function historyNotice(frame: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(frame);
    if (typeof parsed !== 'object' || parsed === null || !('historyDropped' in parsed)) {
      return undefined;
    }
    const dropped = parsed.historyDropped;
    return typeof dropped === 'number' && dropped > 0 ? dropped : undefined;
  } catch {
    return undefined;
  }
}
