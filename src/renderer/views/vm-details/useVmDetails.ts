import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { EditResult, VmDetails, VmEdit } from '../../../shared/api/vmDetailsTypes';
import { errorMessage } from '../../api/apiError';
import { useClient, useSlice, useStore } from '../../state/context';
import { queryKey, readAfterChange, useApiQuery } from '../../state/queries';
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

/** What a tab of the VM page gets: the VM (connection and UUID) and its details' state. */
export interface VmTabProps {
  state: DetailsState;
  connectionId: string;
  uuid: string;
}

/**
 * One VM's details, read again whenever the backend says the VM changed (a define, a start, a
 * stop: libvirt's events, through syncQueries) and after each change made here; an edit and the
 * event its define causes cost one read (readAfterChange).
 */
export function useVmDetails(connectionId: string, uuid: string): DetailsState {
  const client = useClient();
  const store = useStore();
  const summary = useSlice(store.vms, (vms) => vms.get(vmKey(connectionId, uuid)));
  const query = useApiQuery('vms.details', { connectionId, uuid }, { keepOnError: true });
  const [pendingRestart, setPendingRestart] = useState(false);
  const queries = useQueryClient();

  const reload = useCallback(
    () => readAfterChange(queries, queryKey('vms.details', { connectionId, uuid })),
    [queries, connectionId, uuid],
  );

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

  return {
    details: query.data,
    loadError: query.error,
    pendingRestart,
    reload,
    edit,
    apply,
    run,
  };
}
