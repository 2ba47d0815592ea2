/**
 * Long jobs as services see them. The api layer's JobRunner (api/jobs.ts) is the one
 * implementation; services declare what they use here, below the api layer.
 */
import type { JobProgress } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import { englishText, msg, type Message } from '../../shared/messages/message';

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

/** A job's title said as a key: English in `title` (logs), the key for the user's language. */
export function jobTitle(title: Message): Pick<JobOptions, 'title' | 'titleText'> {
  return { title: englishText(title), titleText: title };
}

/**
 * The error a steps job fails with after its rollback: the step that failed and why (the cause's
 * own words: libvirt's, or ours in English), and what the rollback could not remove.
 */
export function stepFailed(err: unknown, step: Message, leftBehind: string[]): VirtdeckError {
  const code = err instanceof VirtdeckError ? err.code : 'libvirt';
  const why = err instanceof Error ? err.message : String(err);
  const said = { step: englishText(step), why };
  return new VirtdeckError(
    code,
    leftBehind.length > 0
      ? msg('common.stepFailedLeft', {
          ...said,
          count: leftBehind.length,
          left: leftBehind.join('; '),
        })
      : msg('common.stepFailed', said),
    { cause: err, ...(err instanceof VirtdeckError && err.detail ? { detail: err.detail } : {}) },
  );
}

/** The error of a job cancelled after its rollback, with what it could not remove. */
export function jobCancelled(leftBehind: string[]): VirtdeckError {
  return new VirtdeckError(
    'cancelled',
    leftBehind.length > 0
      ? msg('common.cancelledLeft', { count: leftBehind.length, left: leftBehind.join('; ') })
      : msg('common.cancelled'),
  );
}
