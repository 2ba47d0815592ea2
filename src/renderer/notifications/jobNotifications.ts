import i18next from 'i18next';
import { useEffect } from 'react';
import type { JobProgress } from '../../shared/api/types';
import { ApiError, backendText } from '../api/apiError';
import { useStore } from '../state/context';

/** A job shorter than this, in a focused window, was watched to its end: nothing to announce. */
export const LONG_JOB_MS = 5000;

type Finished = JobProgress & { phase: 'done' | 'failed' };

/**
 * Whether a job's end is worth a notification: it finished or failed (a cancel was the user's
 * own doing) and it ran long enough to be left, or the window is not in front.
 */
export function announces(job: JobProgress, windowFocused: boolean): job is Finished {
  if (job.phase !== 'done' && job.phase !== 'failed') return false;
  return job.elapsedMs >= LONG_JOB_MS || !windowFocused;
}

/** The job's title in the user's language (the backend's words when it sent no key). */
export function jobTitle(job: JobProgress): string {
  return job.titleText ? backendText(job.titleText) : job.title;
}

type Announce = (job: Finished) => void;

/**
 * Announces each long job's end once: a system notification in Electron (where the renderer's
 * HTML5 Notification is the desktop's own), a toast in the browser (no permission to ask for).
 * Jobs already over when the window opened were announced, or missed, before.
 */
export function useJobNotifications(): void {
  const store = useStore();
  useEffect(() => {
    const seen = new Set<string>();
    for (const job of store.jobs.get().values()) if (job.phase !== 'running') seen.add(job.jobId);
    const toast: Announce = (job) =>
      store.notify({
        variant: job.phase === 'done' ? 'success' : 'danger',
        titleKey: `notifications:job.${job.phase}`,
        params: { title: jobTitle(job) },
        message: job.error ? new ApiError(job.error).message : undefined,
      });
    const announce: Announce = window.virtdeck && 'Notification' in window ? systemNotice : toast;
    const check = () => {
      for (const job of store.jobs.get().values()) {
        if (job.phase === 'running' || seen.has(job.jobId)) continue;
        seen.add(job.jobId);
        if (announces(job, document.hasFocus())) announce(job);
      }
    };
    check();
    return store.jobs.subscribe(check);
  }, [store]);
}

function systemNotice(job: Finished): void {
  const title = i18next.t(`notifications:job.${job.phase}`, { title: jobTitle(job) });
  const body = job.error ? new ApiError(job.error).message : undefined;
  // The tag keeps one notification per job, should its end be reported twice.
  new Notification(title, { body, tag: job.jobId });
}
