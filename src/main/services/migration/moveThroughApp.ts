/**
 * Moving a shut-off VM between hosts that cannot reach each other: each volume streams through
 * Virtdeck (download from the source into an upload to the target), the VM is defined on the
 * target, the disks are verified by size and checksum, and only then is anything on the source
 * removed. (Contract placeholder: the move slice builds it.)
 */
import type { MigrationOptions } from '../../../shared/api/methods/migration';
import { VirtdeckError } from '../../../shared/errors';
import type { JobContext } from '../jobTypes';
import type { MigrationEnds } from './migrationChecks';

export async function moveThroughApp(
  _ends: MigrationEnds,
  _job: JobContext,
  _options: MigrationOptions,
): Promise<void> {
  throw new VirtdeckError('not-supported', 'Moving through the app is not built yet');
}
