/**
 * What a screenshot shows, read from its pixels: decoded in a blank page of the same browser (no
 * PNG decoder needed here, no app CSP in the way).
 */
import type { Browser } from 'playwright-core';

/** What the decoding touches of the page's globals (no DOM types in the tests). */
interface Decoder {
  createImageBitmap(blob: Blob): Promise<{ width: number; height: number }>;
  OffscreenCanvas: new (
    width: number,
    height: number,
  ) => {
    getContext(kind: '2d'): {
      drawImage(image: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    } | null;
  };
}

export interface PixelFacts {
  /** The median relative luminance (0 black .. 1 white): the page's background, mostly. */
  medianLuminance: number;
  /** WCAG contrast between the most common colour and the pixel furthest from it. */
  strongestContrast: number;
}

/** Facts about a PNG; `strip` keeps only the left `strip` pixels (an axis' labels). */
export async function pixelFacts(
  browser: Browser,
  png: Buffer,
  strip?: number,
): Promise<PixelFacts> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    return await page.evaluate(
      async ({ data, strip }) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const scope = globalThis as unknown as Decoder;
        const bitmap = await scope.createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const width = strip ? Math.min(strip, bitmap.width) : bitmap.width;
        const canvas = new scope.OffscreenCanvas(width, bitmap.height);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(bitmap, 0, 0);
        const px = ctx.getImageData(0, 0, width, bitmap.height).data;
        const channel = (v: number) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        const lum: number[] = [];
        const counts = new Map<number, number>();
        for (let i = 0; i < px.length; i += 4) {
          const l =
            0.2126 * channel(px[i] ?? 0) +
            0.7152 * channel(px[i + 1] ?? 0) +
            0.0722 * channel(px[i + 2] ?? 0);
          lum.push(l);
          const bucket = Math.round(l * 1000);
          counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
        }
        const sorted = [...lum].sort((a, b) => a - b);
        const background = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
        const bg = background / 1000;
        let strongest = 1;
        for (const l of lum) {
          const ratio = (Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05);
          if (ratio > strongest) strongest = ratio;
        }
        return {
          medianLuminance: sorted[Math.floor(sorted.length / 2)] ?? 0,
          strongestContrast: strongest,
        };
      },
      { data: png.toString('base64'), strip },
    );
  } finally {
    await context.close();
  }
}
