import type { RowLabels } from '../../../src/renderer/views/vm-list/VmRow';
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

/** A list row's words, as VmGrid hands them to VmRow (English). */
export const ROW_LABELS: RowLabels = {
  state: {
    running: 'Running',
    blocked: 'Blocked',
    paused: 'Paused',
    shutdown: 'Shutting down',
    shutoff: 'Shut off',
    crashed: 'Crashed',
    pmsuspended: 'Suspended',
    nostate: 'No state',
  },
  sparklines: { cpu: 'CPU', memory: 'Memory' },
  autostartOf: (name) => `Autostart ${name}`,
  template: 'Template',
};
