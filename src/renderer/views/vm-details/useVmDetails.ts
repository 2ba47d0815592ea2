import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditResult, VmDetails, VmEdit } from '../../../shared/api/vmDetailsTypes';
import { errorMessage } from '../../api/apiError';
import { useClient, useSlice, useStore } from '../../state/context';
import { vmKey } from '../../state/vmKey';

export interface DetailsState {
  details: VmDetails | undefined;
  loadError: string | undefined;
  /** The last edit waits for the next guest shutdown (virt-manager's notice). */
  pendingRestart: boolean;
  reload(): Promise<void>;
  /** Applies one edit; resolves to an error message (shown by the form) or undefined. */
  edit(edit: VmEdit): Promise<string | undefined>;
  /** The same, with what the edit did (for cards that tell more than "done"). */
  apply(edit: VmEdit): Promise<{ error?: string; result?: EditResult }>;
  /** Runs another call that changes the VM, then reloads; same error convention as edit. */
  run(call: () => Promise<EditResult | void>): Promise<string | undefined>;
}

/**
 * One VM's details, read again whenever its row in the store changes (a define, a start, a
 * stop: libvirt's events reach the store) and after each edit made here.
 */
export function useVmDetails(connectionId: string, uuid: string): DetailsState {
  const client = useClient();
  const store = useStore();
  const summary = useSlice(store.vms, (vms) => vms.get(vmKey(connectionId, uuid)));
  const [details, setDetails] = useState<VmDetails>();
  const [loadError, setLoadError] = useState<string>();
  const [pendingRestart, setPendingRestart] = useState(false);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const next = await client.call('vms.details', { connectionId, uuid });
      if (ticket === latest.current) {
        setDetails(next);
        setLoadError(undefined);
      }
    } catch (err) {
      if (ticket === latest.current) setLoadError(errorMessage(err));
    }
  }, [client, connectionId, uuid]);

  useEffect(() => {
    void reload();
  }, [reload, summary]);

  // A guest that stopped has taken its pending changes.
  useEffect(() => {
    if (summary && summary.state === 'shutoff') setPendingRestart(false);
  }, [summary]);

  const run = useCallback(
    async (call: () => Promise<EditResult | void>) => {
      try {
        const result = await call();
        if (result?.needsRestart) setPendingRestart(true);
        return undefined;
      } catch (err) {
        return errorMessage(err);
      } finally {
        await reload();
      }
    },
    [reload],
  );

  const apply = useCallback(
    async (e: VmEdit) => {
      let result: EditResult | undefined;
      const error = await run(async () => {
        result = await client.call('vms.edit', { connectionId, uuid, edit: e });
        return result;
      });
      return { error, result };
    },
    [client, connectionId, uuid, run],
  );

  const edit = useCallback(async (e: VmEdit) => (await apply(e)).error, [apply]);

  return { details, loadError, pendingRestart, reload, edit, apply, run };
}
