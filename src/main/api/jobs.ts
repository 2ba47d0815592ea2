/**
 * Long jobs: an upload, a download, a VM create. Each runs with an AbortSignal (Cancel), reports
 * progress as `jobs.progress` events (at most every PROGRESS_INTERVAL_MS, so a fast upload does
 * not flood the windows) and ends with one event saying how it ended. Undoing what a cancelled or
 * failed job made is the job's own business: it knows what it created.
 */
import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import { englishText, msg, type Message } from '../../shared/messages/message';
import type { JobContext, JobOptions, Jobs, StartedJob } from '../services/jobTypes';
import { toApiError } from './toApiError';

const PROGRESS_INTERVAL_MS = 200;

type Emit = (job: JobProgress) => void;

interface RunningJob {
  controller: AbortController;
  snapshot(): JobProgress;
}

export class JobRunner implements Jobs {
  private readonly running = new Map<string, RunningJob>();

  constructor(private readonly emit: Emit) {}

  start<T>(options: JobOptions, run: (job: JobContext) => Promise<T>): StartedJob<T> {
    const jobId = randomUUID();
    const controller = new AbortController();
    const started = performance.now();
    let done = 0;
    let total = options.total;
    let step: string | undefined;
    let stepText: Message | undefined;
    let stepProgress: JobProgress['stepProgress'];
    let steps = 0;
    let migration: JobProgress['migration'];
    let lastSent = 0;
    // A step's poller may report once more after the job ended: never after its last event.
    let ended = false;
    let timer: NodeJS.Timeout | undefined;

    const snapshot = (
      phase: JobProgress['phase'] = 'running',
      error?: JobProgress['error'],
    ): JobProgress => ({
      jobId,
      title: options.title,
      titleText: options.titleText,
      connectionId: options.connectionId,
      phase,
      unit: options.unit,
      done,
      total,
      step,
      stepText,
      stepProgress,
      elapsedMs: Math.round(performance.now() - started),
      cancellable: options.cancellable !== false && phase === 'running',
      error,
      migration,
    });
    const send = () => {
      timer = undefined;
      if (ended) return;
      lastSent = performance.now();
      this.emit(snapshot());
    };
    const throttled = () => {
      if (timer) return;
      const wait = PROGRESS_INTERVAL_MS - (performance.now() - lastSent);
      if (wait <= 0) send();
      else timer = setTimeout(send, wait);
    };

    const context: JobContext = {
      signal: controller.signal,
      progress(nextDone, nextTotal) {
        done = nextDone;
        if (nextTotal !== undefined) total = nextTotal;
        throttled();
      },
      migration(stats) {
        migration = stats;
        throttled();
      },
      step(name) {
        if (step !== undefined && options.unit === 'steps') done = ++steps;
        step = typeof name === 'string' ? name : englishText(name);
        stepText = typeof name === 'string' ? undefined : name;
        stepProgress = undefined;
        send();
      },
      stepProgress(stepDone, stepTotal) {
        stepProgress = { done: stepDone, total: stepTotal };
        throttled();
      },
    };
    const finish = <V>(phase: JobProgress['phase'], value?: V, error?: JobProgress['error']) => {
      clearTimeout(timer);
      ended = true;
      this.running.delete(jobId);
      this.emit(snapshot(phase, error));
      return value as V;
    };
    this.running.set(jobId, { controller, snapshot: () => snapshot() });
    send();

    const result = (async () => {
      try {
        const value = await run(context);
        if (options.unit === 'steps' && total !== undefined) done = total;
        return finish('done', value);
      } catch (err) {
        if (controller.signal.aborted) {
          finish('cancelled');
          throw new VirtdeckError(
            'cancelled',
            msg('common.jobCancelled', { title: options.title }),
          );
        }
        finish('failed', undefined, toApiError(err));
        throw err;
      }
    })();
    // The caller may only follow events; an unobserved failure must not crash the process.
    result.catch(() => {});

    return { jobId, result };
  }

  cancel(jobId: string): void {
    const job = this.running.get(jobId);
    if (!job) throw new VirtdeckError('not-found', msg('api.jobEnded'));
    job.controller.abort();
  }

  list(): JobProgress[] {
    return [...this.running.values()].map((job) => job.snapshot());
  }

  /** Cancels everything still running (the app is closing). */
  cancelAll(): void {
    for (const job of this.running.values()) job.controller.abort();
  }
}
