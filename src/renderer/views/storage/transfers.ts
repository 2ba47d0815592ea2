/**
 * The page's half of a volume transfer: the bytes of a File go to the gateway URL the backend
 * handed out (a cross-origin PUT the gateway allows for the app's own origin), and a download is
 * a navigation to its URL, which the gateway answers with an attachment. Progress and Cancel
 * come from the backend's job, not from here.
 */
import type { NewVolumeFormat } from '../../../shared/api/methods/storage';

/** Sends `file` as the request body; resolves when the backend has stored every byte. */
export async function putFile(url: string, file: Blob): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    body: file,
    // The bytes go as they are; the gateway ignores the type, so send none the preflight must allow.
    headers: { 'Content-Type': 'application/octet-stream' },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `HTTP ${response.status}`);
  }
}

/** Starts the browser's download of `url` (an attachment), leaving the page where it is. */
export function openDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** The volume format a file name suggests. */
export function formatOfFile(name: string): NewVolumeFormat | 'iso' {
  const lower = name.toLowerCase();
  if (lower.endsWith('.qcow2') || lower.endsWith('.qcow')) return 'qcow2';
  if (lower.endsWith('.iso')) return 'iso';
  return 'raw';
}
