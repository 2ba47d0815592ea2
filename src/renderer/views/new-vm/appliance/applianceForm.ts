/** The appliance source's part of the wizard form. Being built (issue 17). */
import type { ApplianceInfo } from '../../../../shared/api/newVmTypes';

export interface ApplianceForm {
  /** Set once newVm.appliance.open started reading it. */
  stageId: string;
  /** What the read found, once its job is done. */
  info?: ApplianceInfo;
}

export function initialApplianceForm(): ApplianceForm {
  return { stageId: '' };
}
