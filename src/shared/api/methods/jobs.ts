import * as v from 'valibot';
import { none, nothing, text, type MethodsOf, type ResultSchemas } from '../schema';
import { jobProgress } from '../types';

export const jobParams = {
  /** Jobs still running, e.g. for a window opened while an upload runs. */
  'jobs.list': none,
  /** Asks a job to stop; it ends with phase 'cancelled' after undoing what it made. */
  'jobs.cancel': v.object({ jobId: text('jobId') }),
};

export const jobResults = {
  'jobs.list': v.array(jobProgress),
  'jobs.cancel': nothing,
} satisfies ResultSchemas<typeof jobParams>;

/** Long jobs (uploads, downloads, creates): their progress arrives as `jobs.progress` events. */
export type JobMethods = MethodsOf<typeof jobParams, typeof jobResults>;
