import { Button, ToolbarItem } from '@patternfly/react-core';
import MigrationIcon from '@patternfly/react-icons/dist/esm/icons/migration-icon';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { MigrateVmModal } from './MigrateVmModal';

/**
 * The migrate dialog, returned apart from its button so that the VM page keeps it on screen when
 * the VM leaves this connection's list (a migration that removes the source definition): the
 * progress and the link to the VM's new page stay until closed.
 */
export function useMigrateVm(): { start(vm: VmSummary): void; dialog: ReactNode } {
  const [vm, setVm] = useState<VmSummary | null>(null);
  return {
    start: setVm,
    dialog: vm && <MigrateVmModal vm={vm} onClose={() => setVm(null)} />,
  };
}

/** The Migrate button of the VM page's toolbar, for a VM whose host is connected. */
export function MigrateVmButton({
  vm,
  usable,
  onMigrate,
}: {
  vm: VmSummary;
  usable: boolean;
  onMigrate(vm: VmSummary): void;
}) {
  const { t } = useTranslation('vmMigrate');
  return (
    <ToolbarItem>
      <Button
        variant="secondary"
        size="sm"
        icon={<MigrationIcon />}
        isDisabled={!usable}
        onClick={() => onMigrate(vm)}
      >
        {t('migrate')}
      </Button>
    </ToolbarItem>
  );
}
