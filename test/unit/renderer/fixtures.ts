import type { VmSummary } from '../../../src/shared/api/types';

export function vm(name: string, patch: Partial<VmSummary> = {}): VmSummary {
  return {
    connectionId: 'c1',
    uuid: `uuid-${name}`,
    name,
    state: 'running',
    vcpus: 1,
    memoryKiB: 1048576,
    maxMemoryKiB: 1048576,
    autostart: false,
    persistent: true,
    hasManagedSave: false,
    ...patch,
  };
}
