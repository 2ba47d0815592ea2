import type { JobProgress } from '../../../shared/api/types';
import { jobFigures } from '../../components/jobs/jobFigures';

interface MigrationFigures {
  /** What the bar counts as done: the total less what remains. */
  doneBytes?: number;
  /** What was sent (libvirt's "data processed"): less than done, as zero pages are not sent. */
  processedBytes?: number;
  totalBytes?: number;
  remainingBytes?: number;
  /** 0..100, or undefined while the total is unknown. */
  percent?: number;
  bytesPerSecond?: number;
  secondsLeft?: number;
  dirtyBytesPerSecond?: number;
  iteration?: number;
}

/**
 * What the progress view shows of a migration job: libvirt's own job stats when the job has them
 * (a managed migration), else the job's bytes (a move through Virtdeck counts bytes streamed), with
 * speed and time left from the backend's clock.
 */
export function migrationFigures(job: JobProgress): MigrationFigures {
  const stats = job.migration;
  if (!stats) {
    if (job.unit !== 'bytes') return {};
    const { percent, rate, secondsLeft } = jobFigures(job);
    return {
      doneBytes: job.done,
      totalBytes: job.total,
      remainingBytes: job.total !== undefined ? Math.max(0, job.total - job.done) : undefined,
      percent,
      bytesPerSecond: rate,
      secondsLeft,
    };
  }
  const speed = stats.bytesPerSecond;
  // As virt-manager's progress: the total less what remains. QEMU skips zero pages, so what it
  // has sent ("processed") stays far below the total of a mostly empty guest when it is done.
  const doneBytes = Math.max(0, stats.totalBytes - stats.remainingBytes);
  return {
    doneBytes,
    processedBytes: stats.processedBytes,
    totalBytes: stats.totalBytes,
    remainingBytes: stats.remainingBytes,
    // A live migration's total grows as memory is dirtied again: the share is of the total now.
    percent: stats.totalBytes > 0 ? Math.min(100, (doneBytes / stats.totalBytes) * 100) : undefined,
    bytesPerSecond: speed,
    secondsLeft: speed ? stats.remainingBytes / speed : undefined,
    dirtyBytesPerSecond: stats.dirtyBytesPerSecond,
    iteration: stats.iteration,
  };
}
