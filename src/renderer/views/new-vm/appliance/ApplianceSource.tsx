/** The appliance source (OVA / OVF / Vagrant box) on the Source page. Being built (issue 17). */
import type { StepProps } from '../stepProps';

export function ApplianceSource(_props: StepProps) {
  return null;
}
