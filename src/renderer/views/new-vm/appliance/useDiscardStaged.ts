/**
 * A read the wizard no longer needs is discarded (its staged disks deleted): when another file
 * is read in its place, when the host changes, and when the wizard closes. After a create the
 * backend has taken the read already and the discard finds nothing to do.
 */
import { useEffect } from 'react';
import { useClient } from '../../../state/context';

export function useDiscardStaged(connectionId: string, stageId: string): void {
  const client = useClient();
  useEffect(() => {
    if (!stageId) return;
    return () => {
      void client.call('newVm.appliance.discard', { connectionId, stageId }).catch(() => {
        /* a connection gone: its staged volumes are listed in the Storage tab */
      });
    };
  }, [client, connectionId, stageId]);
}
