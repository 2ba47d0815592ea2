/**
 * What every page of the New VM wizard gets from NewVmWizard.tsx. In a file of its own so the
 * pages need not import the wizard that imports them (an import cycle).
 */
import type { NewVmHostFacts } from '../../../shared/api/newVmTypes';
import type { WizardForm } from './wizardState';

export interface StepProps {
  connectionId: string;
  form: WizardForm;
  update: (patch: Partial<WizardForm>) => void;
  facts?: NewVmHostFacts;
  errors: Record<string, string>;
}
