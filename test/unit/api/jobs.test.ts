import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/api/types';
import { JobRunner } from '../../../src/main/api/jobs';

function recorder() {
  const events: JobProgress[] = [];
  return { events, runner: new JobRunner((job) => events.push(job)) };
}

describe('JobRunner', () => {
  it('reports steps and ends with done and the full count', async () => {
    const { events, runner } = recorder();
    const { result } = runner.start({ title: 'Create', unit: 'steps', total: 2 }, async (job) => {
      job.step('Create disk');
      job.step('Define VM');
      return 'ok';
    });
    await expect(result).resolves.toBe('ok');
    const last = events.at(-1);
    expect(last).toMatchObject({ phase: 'done', done: 2, total: 2, cancellable: false });
    expect(events.map((e) => e.step)).toContain('Create disk');
    expect(runner.list()).toEqual([]);
  });

  it('sends nothing after its last event, though a poller of a step reports late', async () => {
    const { events, runner } = recorder();
    let late: ((done: number) => void) | undefined;
    const { result } = runner.start({ title: 'Clone', unit: 'bytes' }, async (job) => {
      late = (done) => job.progress(done, 10);
      job.progress(5, 10);
      // Past the throttle's interval: a late report would be sent at once.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return 'ok';
    });
    await result;
    late?.(7);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(events.at(-1)).toMatchObject({ phase: 'done' });
    expect(events.filter((e) => e.phase !== 'running')).toHaveLength(1);
  });

  it('a failure is reported with the step that failed', async () => {
    const { events, runner } = recorder();
    const { result } = runner.start({ title: 'Create', unit: 'steps' }, async (job) => {
      job.step('Create disk');
      throw new Error('pool is full');
    });
    await expect(result).rejects.toThrow('pool is full');
    expect(events.at(-1)).toMatchObject({ phase: 'failed', step: 'Create disk' });
    expect(events.at(-1)?.error?.message).toContain('pool is full');
  });

  it('cancel aborts the signal and ends the job as cancelled', async () => {
    const { events, runner } = recorder();
    const { jobId, result } = runner.start({ title: 'Upload', unit: 'bytes' }, (job) => {
      return new Promise((_, reject) => {
        job.signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    });
    expect(runner.list().map((j) => j.jobId)).toEqual([jobId]);
    runner.cancel(jobId);
    await expect(result).rejects.toMatchObject({ code: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ jobId, phase: 'cancelled' });
    expect(() => runner.cancel(jobId)).toThrow(/already ended/);
  });
});
