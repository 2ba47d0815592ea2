import { useEffect, useState } from 'react';
import type { HostInterfaces } from '../../../shared/api/hostTypes';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';

export function useHostInterfaces(connectionId: string, version: number) {
  const client = useClient();
  const [data, setData] = useState<HostInterfaces>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let current = true;
    client.call('host.interfaces', { connectionId }).then(
      (r) => {
        if (!current) return;
        setData(r);
        setError(undefined);
      },
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [client, connectionId, version]);
  return { data, error };
}
