import { useTranslation } from 'react-i18next';
import type { ConnectionConfig } from '../../../shared/api/types';
import { connectionLabel } from '../connections/hostState';

/** What the app calls a connection in a sentence: its label, else "QEMU/KVM on root@kvm1". */
export function useConnectionName(): (connection: ConnectionConfig | undefined) => string {
  const { t } = useTranslation('connections');
  return (connection) => {
    if (!connection) return '';
    const described = connectionLabel(connection);
    return (
      described.label ??
      t('labelFromUri', { hypervisor: described.hypervisor, where: described.where })
    );
  };
}
