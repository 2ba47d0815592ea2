/** The migration job. (Contract placeholder: the migration slice builds it.) */
import type { MigrationOptions } from '../../../shared/api/methods/migration';
import { VirtdeckError } from '../../../shared/errors';
import type { Jobs } from '../jobTypes';
import type { HostSession } from '../hostSession';

/** The session the VM is on and the one it moves to. */
export interface MigrationEnds {
  source: HostSession;
  target: HostSession;
}

export async function startMigration(
  _ends: MigrationEnds,
  _jobs: Jobs,
  _options: MigrationOptions,
): Promise<{ jobId: string; result: Promise<unknown> }> {
  throw new VirtdeckError('not-supported', 'Migration is not built yet');
}
