import { useCallback } from 'react';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';

type ConnectionMethod = 'connections.connect' | 'connections.disconnect' | 'connections.remove';

/** Connect / Disconnect / Remove of a saved connection; a failure becomes a toast. */
export function useConnectionAction(): (
  method: ConnectionMethod,
  id: string,
  label: string,
) => void {
  const client = useClient();
  const store = useStore();
  return useCallback(
    (method, id, label) => {
      client.call(method, { id }).catch((err: unknown) =>
        store.notify({
          variant: 'danger',
          titleKey: `connections:failed.${method.split('.')[1]}`,
          params: { label },
          message: errorMessage(err),
        }),
      );
    },
    [client, store],
  );
}
