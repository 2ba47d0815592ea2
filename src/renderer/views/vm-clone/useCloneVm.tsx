import { Button, ToolbarItem } from '@patternfly/react-core';
import CloneIcon from '@patternfly/react-icons/dist/esm/icons/clone-icon';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { vmKey } from '../../state/vmKey';
import { CloneVmModal } from './CloneVmModal';

/**
 * The clone dialog of one VM, returned apart from its button so that the VM page can keep it
 * beside the page (as the delete dialog) and the list's toolbar beside its buttons.
 */
export function useCloneVm(): { start(vm: VmSummary): void; dialog: ReactNode } {
  const [source, setSource] = useState<VmSummary>();
  const dialog = source && (
    <CloneVmModal
      // A fresh dialog (choices, job) for each VM.
      key={vmKey(source.connectionId, source.uuid)}
      vm={source}
      onClose={() => setSource(undefined)}
    />
  );
  return { start: setSource, dialog };
}

/** The Clone button of a toolbar: for exactly one VM whose host is connected. */
export function CloneVmButton({
  vms,
  usable = () => true,
  onClone,
}: {
  vms: readonly VmSummary[];
  usable?: (vm: VmSummary) => boolean;
  onClone(vm: VmSummary): void;
}) {
  const { t } = useTranslation('vmClone');
  const only = vms.length === 1 ? vms[0] : undefined;
  return (
    <ToolbarItem>
      <Button
        variant="secondary"
        size="sm"
        icon={<CloneIcon />}
        isDisabled={!only || !usable(only)}
        onClick={() => only && onClone(only)}
      >
        {t('clone')}
      </Button>
    </ToolbarItem>
  );
}
