/** Saves data as a file through the browser's download (works in Electron and in browsers). */
export function downloadUrl(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadUrl(url, filename);
  // The click has started the download synchronously; the URL is no longer needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `<vm name>-2025-01-31T12-00-00.png`: sorts by time, no characters file systems refuse. */
export function screenshotName(vmName: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/:/g, '-');
  const safe = vmName.replace(/[\\/:*?"<>|\s]+/g, '_') || 'console';
  return `${safe}-${stamp}.png`;
}
