import { useEffect, useRef } from 'react';
import type { HostResourcesChanged } from '../../../shared/api/hostTypes';
import { useClient } from '../../state/context';

/** A start sends several events in a row (defined, started): one reload per burst is enough. */
const BURST_MS = 150;

/**
 * Calls `onChange` when libvirt says a network or pool (`kind`) of this connection changed,
 * whoever changed it (this app, another window, virsh on the host).
 */
export function useResourceChanges(
  connectionId: string,
  kind: HostResourcesChanged['kind'],
  onChange: () => void,
): void {
  const client = useClient();
  // The latest callback, so that a new closure per render does not resubscribe.
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('host.resourcesChanged', (e) => {
      if (e.connectionId !== connectionId || e.kind !== kind) return;
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), BURST_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [client, connectionId, kind]);
}
