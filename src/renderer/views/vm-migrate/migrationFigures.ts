import type { JobProgress } from '../../../shared/api/types';
import { jobFigures } from '../../components/jobs/jobFigures';

interface MigrationFigures {
  /** What the bar counts as done: the bytes sent (libvirt's "data processed"). */
  doneBytes?: number;
  /** What the bar counts to: sent and still to send. */
  workBytes?: number;
  /** libvirt's "data total" (the guest's memory and copied disks, zero pages included). */
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
      workBytes: job.total,
      remainingBytes: job.total !== undefined ? Math.max(0, job.total - job.done) : undefined,
      percent,
      bytesPerSecond: rate,
      secondsLeft,
    };
  }
  const speed = stats.bytesPerSecond;
  // The work is what QEMU sends: what it has sent and what it still has to. libvirt's total is the
  // guest's whole memory, most of it zero pages that are never sent, so neither "processed of
  // total" (a few percent at the end) nor "total less remaining" (full at once) moves as the
  // migration does.
  const work = stats.processedBytes + stats.remainingBytes;
  return {
    doneBytes: stats.processedBytes,
    workBytes: work,
    totalBytes: stats.totalBytes,
    remainingBytes: stats.remainingBytes,
    percent: work > 0 ? Math.min(100, (stats.processedBytes / work) * 100) : undefined,
    bytesPerSecond: speed,
    secondsLeft: speed ? stats.remainingBytes / speed : undefined,
    dirtyBytesPerSecond: stats.dirtyBytesPerSecond,
    iteration: stats.iteration,
  };
}
