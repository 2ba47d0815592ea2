/** The largest clipboard text sent to or taken from a guest, in UTF-8 bytes. */
export const CLIPBOARD_LIMIT_BYTES = 1024 * 1024;

/**
 * `text` cut to at most `limit` UTF-8 bytes, never inside a character; `cut` says whether it
 * was (the panel then says so). A clipboard larger than this is almost always a mistake, and
 * QEMU's vdagent and the guest's agent both hold it whole in memory.
 */
export function cutClipboard(
  text: string,
  limit = CLIPBOARD_LIMIT_BYTES,
): { text: string; cut: boolean } {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= limit) return { text, cut: false };
  let end = limit;
  // Back up to the start of a character: continuation bytes are 10xxxxxx.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: new TextDecoder().decode(bytes.subarray(0, end)), cut: true };
}
