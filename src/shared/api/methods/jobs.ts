import type { JobProgress } from '../types';

/** Long jobs (uploads, downloads, creates): their progress arrives as `jobs.progress` events. */
export interface JobMethods {
  /** Jobs still running, e.g. for a window opened while an upload runs. */
  'jobs.list': { params: void; result: JobProgress[] };
  /** Asks a job to stop; it ends with phase 'cancelled' after undoing what it made. */
  'jobs.cancel': { params: { jobId: string }; result: void };
}

export const JOB_METHOD_NAMES = [
  'jobs.list',
  'jobs.cancel',
] as const satisfies readonly (keyof JobMethods)[];
