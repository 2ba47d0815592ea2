import { Button, ToolbarGroup, ToolbarItem, Tooltip } from '@patternfly/react-core';
import PauseIcon from '@patternfly/react-icons/dist/esm/icons/pause-icon';
import PlayIcon from '@patternfly/react-icons/dist/esm/icons/play-icon';
import PowerOffIcon from '@patternfly/react-icons/dist/esm/icons/power-off-icon';
import RedoIcon from '@patternfly/react-icons/dist/esm/icons/redo-icon';
import SaveIcon from '@patternfly/react-icons/dist/esm/icons/save-icon';
import type { ComponentType } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LifecycleAction, VmSummary } from '../../../shared/api/types';
import { CONFIRMED_ACTIONS, LIFECYCLE_ACTIONS, refusedAsTemplate } from '../../../shared/vmActions';
import { useSlice, useStore } from '../../state/context';
import { ConfirmActionModal } from './ConfirmActionModal';
import { actionTargets } from './lifecyclePlan';
import { useRunAction } from './useLifecycle';

const ICONS: Partial<Record<LifecycleAction, ComponentType>> = {
  run: PlayIcon,
  resume: PlayIcon,
  restore: PlayIcon,
  pause: PauseIcon,
  shutdown: PowerOffIcon,
  forceOff: PowerOffIcon,
  reboot: RedoIcon,
  reset: RedoIcon,
  save: SaveIcon,
};

/**
 * The lifecycle buttons for a set of VMs (the list's selection, or the one VM of its page). Each
 * is enabled when it applies to at least one of them, and runs on every VM it applies to.
 */
export function LifecycleButtons({
  vms,
  usable,
}: {
  vms: readonly VmSummary[];
  /** VMs whose host is not connected cannot be acted on. */
  usable?: (vm: VmSummary) => boolean;
}) {
  const { t } = useTranslation('common');
  const store = useStore();
  const inflight = useSlice(store.inflight);
  const runAction = useRunAction();
  const [confirm, setConfirm] = useState<{ action: LifecycleAction; vms: VmSummary[] } | null>(
    null,
  );

  const onClick = (action: LifecycleAction) => {
    const targets = actionTargets(action, vms, inflight, usable);
    if (targets.length === 0) return;
    if (CONFIRMED_ACTIONS.includes(action)) setConfirm({ action, vms: targets });
    else runAction(action, targets);
  };

  return (
    <ToolbarGroup variant="action-group" className="vd-lifecycle">
      {LIFECYCLE_ACTIONS.map((action) => {
        const Icon = ICONS[action];
        const disabled = actionTargets(action, vms, inflight, usable).length === 0;
        if (disabled && vms.some((vm) => refusedAsTemplate(action, vm))) {
          // aria-disabled keeps the button focusable, so its tooltip can say why.
          return (
            <ToolbarItem key={action}>
              <Tooltip content={t('templates:notRun')}>
                <Button
                  variant="secondary"
                  size="sm"
                  icon={Icon ? <Icon /> : undefined}
                  isAriaDisabled
                >
                  {t(`action.${action}`)}
                </Button>
              </Tooltip>
            </ToolbarItem>
          );
        }
        return (
          <ToolbarItem key={action}>
            <Button
              variant="secondary"
              size="sm"
              icon={Icon ? <Icon /> : undefined}
              isDisabled={disabled}
              onClick={() => onClick(action)}
            >
              {t(`action.${action}`)}
            </Button>
          </ToolbarItem>
        );
      })}
      {confirm && (
        <ConfirmActionModal
          action={confirm.action}
          vms={confirm.vms}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            runAction(confirm.action, confirm.vms);
            setConfirm(null);
          }}
        />
      )}
    </ToolbarGroup>
  );
}
