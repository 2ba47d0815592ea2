/**
 * What a console's canvas shows, read back from its pixels: how much "ink" (non-background
 * pixels) each 16-pixel text row of a VGA text screen holds.
 */
import type { Locator } from 'playwright-core';

/** The part of a canvas the pixel count reads (the tests are type-checked without DOM types). */
interface CanvasPixels {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(
      x: number,
      y: number,
      w: number,
      h: number,
    ): {
      data: Uint8ClampedArray;
      width: number;
      height: number;
    };
  } | null;
}

/** Non-background pixels per 16-pixel text row of `canvas` (VGA text: 16 px per line). */
export async function inkPerRow(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((node) => {
    const el = node as unknown as CanvasPixels;
    const ctx = el.getContext('2d');
    if (!ctx || el.width === 0 || el.height === 0) return [];
    const { data, width, height } = ctx.getImageData(0, 0, el.width, el.height);
    // The bottom-right corner is background on isolinux's screen.
    const bg = ((height - 1) * width + width - 1) * 4;
    const rows: number[] = [];
    for (let y = 0; y < height; y++) {
      let ink = 0;
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (
          Math.abs((data[i] ?? 0) - (data[bg] ?? 0)) +
            Math.abs((data[i + 1] ?? 0) - (data[bg + 1] ?? 0)) +
            Math.abs((data[i + 2] ?? 0) - (data[bg + 2] ?? 0)) >
          60
        )
          ink++;
      }
      const row = Math.floor(y / 16);
      rows[row] = (rows[row] ?? 0) + ink;
    }
    return rows;
  });
}

export const sum = (rows: number[]) => rows.reduce((a, b) => a + b, 0);
/** Text rows with ink: the banner and the prompt make several. */
export const linesOfText = (rows: number[]) => rows.filter((n) => n > 20).length;
/** Lines of text on the VGA screen once isolinux waits at its prompt: SeaBIOS's three lines, a
 * blank one, isolinux's version line, the banner, the boot: prompt. */
export const BOOTED_LINES = 6;
/** The text row of the test ISO's banner. */
export const BANNER_ROW = 5;
