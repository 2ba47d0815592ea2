import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import {
  TimeSeriesGraph,
  type GraphSeries,
} from '../../../src/renderer/components/graphs/TimeSeriesGraph';
import { recordCanvasText } from './support/canvas';

const series: GraphSeries[] = [{ label: 'CPU', unit: '%', stroke: '#0066cc', range: [0, 100] }];
let canvas: ReturnType<typeof recordCanvasText>;

beforeEach(() => {
  canvas = recordCanvasText();
});
afterEach(() => {
  cleanup();
  canvas.restore();
});

function graphOf(data: uPlot.AlignedData) {
  render(
    <TimeSeriesGraph
      series={series}
      source={{ data: () => data, subscribe: () => () => {} }}
      label="Usage"
    />,
  );
}

/** The time axis' labels uPlot drew: its ticks are "h:mm:ss AM"; years are 4 digits. */
const timeLabels = (texts: string[]) => texts.filter((t) => /^\d{1,2}:\d{2}/.test(t));
const yearLabels = (texts: string[]) => texts.filter((t) => /^\d{4}$/.test(t));

describe('TimeSeriesGraph', () => {
  it('spans the last 5 minutes when a shut-off VM has one sample (not years)', async () => {
    const now = Date.now() / 1000;
    graphOf([[now - 20], [3]]);
    await waitFor(() => expect(timeLabels(canvas.texts).length).toBeGreaterThan(2));
    expect(yearLabels(canvas.texts)).toEqual([]);
    // Every tick is a time of day within the last 5 minutes.
    // "12:14:30 PM" in English, a 24-hour "12:14:30" in other languages.
    const minutes = timeLabels(canvas.texts).map((t) => {
      const [, h = '0', m = '0', half] = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]m)?/i.exec(t) ?? [];
      const hours = half ? (Number(h) % 12) + (/pm/i.test(half) ? 12 : 0) : Number(h);
      return hours * 60 + Number(m);
    });
    const nowDate = new Date();
    const nowMinutes = nowDate.getHours() * 60 + nowDate.getMinutes();
    for (const m of minutes) expect((nowMinutes - m + 1440) % 1440).toBeLessThanOrEqual(5);
  });

  it('spans the last 5 minutes with no sample at all', async () => {
    graphOf([[], []]);
    await waitFor(() => expect(timeLabels(canvas.texts).length).toBeGreaterThan(2));
    expect(yearLabels(canvas.texts)).toEqual([]);
  });
});
