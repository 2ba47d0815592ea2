import { Button, ToolbarItem } from '@patternfly/react-core';
import TrashIcon from '@patternfly/react-icons/dist/esm/icons/trash-icon';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { vmKey } from '../../state/vmKey';
import { DeleteVmModal } from './DeleteVmModal';

/**
 * Deleting VMs one after the other, each with its own dialog: its own disks to choose and, when it
 * runs, its own force-off question. Cancel stops there; the VMs after it are left alone. The
 * dialog is returned apart from the button so that a view can keep it on screen after the VM
 * has left (the VM page shows a partial failure's outcome once the VM is gone).
 */
export function useDeleteVms(onDeleted?: (vm: VmSummary) => void): {
  start(vms: readonly VmSummary[]): void;
  dialog: ReactNode;
} {
  // The VMs chosen when Delete was pressed, and which of them is being asked about.
  const [queue, setQueue] = useState<{ vms: readonly VmSummary[]; index: number } | null>(null);
  const shown = queue ? queue.vms[queue.index] : undefined;
  const next = () =>
    setQueue((q) => (q && q.index + 1 < q.vms.length ? { ...q, index: q.index + 1 } : null));
  const dialog = queue && shown && (
    <DeleteVmModal
      // A fresh dialog (choices, question, outcome) for each VM.
      key={vmKey(shown.connectionId, shown.uuid)}
      vm={shown}
      position={{ index: queue.index, count: queue.vms.length }}
      onCancel={() => setQueue(null)}
      onDone={(gone) => {
        if (gone) onDeleted?.(shown);
        next();
      }}
    />
  );
  return {
    start: (vms) => {
      if (vms.length > 0) setQueue({ vms, index: 0 });
    },
    dialog,
  };
}

/** The Delete button of a toolbar, for the VMs it can delete (those whose host is connected). */
export function DeleteVmsButton({
  vms,
  usable = () => true,
  onDelete,
}: {
  vms: readonly VmSummary[];
  usable?: (vm: VmSummary) => boolean;
  onDelete(vms: readonly VmSummary[]): void;
}) {
  const { t } = useTranslation('vmDelete');
  const targets = vms.filter(usable);
  return (
    <ToolbarItem>
      <Button
        variant="secondary"
        isDanger
        size="sm"
        icon={<TrashIcon />}
        isDisabled={targets.length === 0}
        onClick={() => onDelete(targets)}
      >
        {t('delete')}
      </Button>
    </ToolbarItem>
  );
}
