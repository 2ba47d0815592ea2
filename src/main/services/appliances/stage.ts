/**
 * The appliance read job behind newVm.appliance.open / info / discard. Being built (issue 17).
 */
import type { ApplianceInfo } from '../../../shared/api/newVmTypes';
import { VirtdeckError } from '../../../shared/errors';

const notYet = () => new VirtdeckError('not-supported', 'Appliances are not supported yet');

export function openAppliance(): Promise<{ stageId: string; jobId: string; url?: string }> {
  return Promise.reject(notYet());
}

export function stagedAppliance(_connectionId: string, _stageId: string): Promise<ApplianceInfo> {
  return Promise.reject(notYet());
}

export function discardAppliance(_connectionId: string, _stageId: string): Promise<void> {
  return Promise.reject(notYet());
}
