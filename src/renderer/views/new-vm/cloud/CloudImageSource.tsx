/** The cloud image source's fields on the Source page. Being built (issue 17). */
import type { StepProps } from '../stepProps';

export function CloudImageSource(_props: StepProps) {
  return null;
}
