import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon';
import InProgressIcon from '@patternfly/react-icons/dist/esm/icons/in-progress-icon';
import MoonIcon from '@patternfly/react-icons/dist/esm/icons/moon-icon';
import PausedIcon from '@patternfly/react-icons/dist/esm/icons/paused-icon';
import PowerOffIcon from '@patternfly/react-icons/dist/esm/icons/power-off-icon';
import QuestionCircleIcon from '@patternfly/react-icons/dist/esm/icons/question-circle-icon';
import type { ComponentType } from 'react';
import type { VmState } from '../../../shared/api/types';

const ICONS: Record<VmState, ComponentType<{ className?: string }>> = {
  running: CheckCircleIcon,
  blocked: InProgressIcon,
  paused: PausedIcon,
  pmsuspended: MoonIcon,
  shutdown: InProgressIcon,
  shutoff: PowerOffIcon,
  crashed: ExclamationCircleIcon,
  nostate: QuestionCircleIcon,
};

/**
 * A VM state as icon and words; the icon is decoration, the words carry the meaning. The words
 * come translated from the caller, so that a list row does not subscribe to i18n on its own.
 */
export function StateLabel({ state, text }: { state: VmState; text: string }) {
  const Icon = ICONS[state];
  return (
    <span className={`vd-state vd-state--${state}`}>
      <Icon className="vd-state-icon" />
      <span>{text}</span>
    </span>
  );
}
