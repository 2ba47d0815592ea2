import type { JobProgress } from '../../../shared/api/types';

export interface JobFigures {
  /** 0..100, or undefined while the total is unknown. */
  percent?: number;
  /** Bytes (or steps) per second since the job started. */
  rate?: number;
  /** Seconds left at the average rate so far. */
  secondsLeft?: number;
}

/** Speed and time left from the backend's own clock, so that a slow window does not skew them. */
export function jobFigures(job: JobProgress): JobFigures {
  const percent = job.total ? Math.min(100, (job.done / job.total) * 100) : undefined;
  const seconds = job.elapsedMs / 1000;
  const rate = seconds > 0.5 && job.done > 0 ? job.done / seconds : undefined;
  const secondsLeft =
    rate && job.total !== undefined ? Math.max(0, (job.total - job.done) / rate) : undefined;
  return { percent, rate, secondsLeft };
}
