/** Cloud images with cloud-init as a New VM source: being built (issue 17). */
import { VirtdeckError } from '../../../../shared/errors';
import type { InstallSourceKind } from './sourceTypes';

export const cloudImageSource: InstallSourceKind<'cloud'> = {
  async check() {},
  steps: () => [],
  async prepare() {
    throw new VirtdeckError('not-supported', 'Cloud images with cloud-init are not supported yet');
  },
};
