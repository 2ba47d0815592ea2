/** The filter box's keystroke latency on a big list, measured inside the page. */
import type { Page } from 'playwright-core';

/**
 * Keystroke latency of the filter box: from keydown to the list's DOM updated and laid out (the
 * app's own work), and to the next frame painted (which adds the wait for the display's vsync).
 */
const FILTER_PROBE = `(input) => {
  window.__work = [];
  window.__frame = [];
  input.addEventListener('keydown', () => {
    const t0 = performance.now();
    // React commits a discrete input event synchronously, before window's bubble listeners.
    window.addEventListener('input', () => {
      void document.body.offsetHeight; // style + layout of the new rows
      window.__work.push(performance.now() - t0);
    }, { once: true });
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__frame.push(performance.now() - t0);
      channel.port2.postMessage(0);
    });
  }, { capture: true });
}`;

export async function filterLatency(page: Page): Promise<{ work: number[]; frame: number[] }> {
  const box = page.getByRole('textbox', { name: 'Filter virtual machines' });
  // The probe is page-side JavaScript (kept as text: this file is type-checked without DOM types).
  await box.evaluate(
    (input, source: string) => ((0, eval)(source) as (el: unknown) => unknown)(input),
    FILTER_PROBE,
  );
  await box.click();
  for (let round = 0; round < 5; round++) {
    await page.keyboard.type('vm-1234', { delay: 60 });
    for (let i = 0; i < 7; i++) await page.keyboard.press('Backspace', { delay: 60 });
    await new Promise((r) => setTimeout(r, 200));
  }
  return page.evaluate('({ work: window.__work, frame: window.__frame })');
}
