import * as v from 'valibot';
import { none, text, type ParamsIn } from '../schema';
import type { JobProgress } from '../types';

export const jobParams = {
  'jobs.list': none,
  'jobs.cancel': v.object({ jobId: text('jobId') }),
};

/** Long jobs (uploads, downloads, creates): their progress arrives as `jobs.progress` events. */
export interface JobMethods {
  /** Jobs still running, e.g. for a window opened while an upload runs. */
  'jobs.list': { params: void; result: JobProgress[] };
  /** Asks a job to stop; it ends with phase 'cancelled' after undoing what it made. */
  'jobs.cancel': { params: ParamsIn<(typeof jobParams)['jobs.cancel']>; result: void };
}
