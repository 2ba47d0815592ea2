/** The checks before a migration. (Contract placeholder: the migration slice builds them.) */
import type { MigrationCheck, MigrationOptions } from '../../../shared/api/methods/migration';
import { VirtdeckError } from '../../../shared/errors';
import type { MigrationEnds } from './migrate';

export async function checkMigration(
  _ends: MigrationEnds,
  _options: MigrationOptions,
): Promise<MigrationCheck> {
  throw new VirtdeckError('not-supported', 'Migration is not built yet');
}
