/**
 * Long jobs as services see them. The api layer's JobRunner (api/jobs.ts) is the one
 * implementation; services declare what they use here, below the api layer.
 */
import type { JobProgress } from '../../shared/api/types';
import type { Message } from '../../shared/messages/message';

export interface JobContext {
  readonly signal: AbortSignal;
  /** Units done so far (and the total once known). */
  progress(done: number, total?: number): void;
  /**
   * Names the step now running (a Message, msg('area.name', params), for the user's language);
   * for step jobs it also counts the steps done.
   */
  step(name: string | Message): void;
  /** The running step's own progress in bytes; cleared by the next step(). */
  stepProgress(done: number, total?: number): void;
  /** A migration's figures from libvirt's job stats, sent with the next progress event. */
  migration(stats: NonNullable<JobProgress['migration']>): void;
}

export interface JobOptions {
  /** The job's title in English; with `titleText`, the same as a key for the user's language. */
  title: string;
  titleText?: Message;
  connectionId?: string;
  unit: JobProgress['unit'];
  total?: number;
  cancellable?: boolean;
}

export interface StartedJob<T> {
  jobId: string;
  /** Settles when the job ends; rejects with the job's error (or an 'cancelled' error). */
  result: Promise<T>;
}

export interface Jobs {
  start<T>(options: JobOptions, run: (job: JobContext) => Promise<T>): StartedJob<T>;
  cancel(jobId: string): void;
}
