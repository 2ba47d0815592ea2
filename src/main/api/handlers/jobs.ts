import type { JobMethods } from '../../../shared/api/methods/jobs';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function jobHandlers({ jobs }: HandlerDeps): HandlersOf<JobMethods> {
  return {
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async (p) => jobs.cancel(p.jobId),
  };
}
