/** Appliances as a New VM source: being built (issue 17). */
import { VirtdeckError } from '../../../../shared/errors';
import type { InstallSourceKind } from './sourceTypes';

export const applianceSource: InstallSourceKind<'appliance'> = {
  async check() {},
  steps: () => [],
  async prepare() {
    throw new VirtdeckError('not-supported', 'Appliances are not supported yet');
  },
};
