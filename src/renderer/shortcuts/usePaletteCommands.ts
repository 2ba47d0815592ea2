import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LifecycleAction, VmSummary } from '../../shared/api/types';
import { actionApplies, LIFECYCLE_ACTIONS } from '../../shared/vmActions';
import { errorMessage } from '../api/apiError';
import { consoleHash, hostHash, vmHash } from '../routes';
import { useClient, useSlice, useStore } from '../state/context';
import { useApiQueries } from '../state/queries';
import { navigate } from '../useRoute';
import { connectionLabel } from '../views/connections/hostState';

export type PaletteKind = 'vm' | 'host' | 'network' | 'pool';

/** One line of the palette: something to do to one thing found by its name. */
export interface PaletteCommand {
  id: string;
  kind: PaletteKind;
  /** The VM's, host's, network's or pool's name. */
  name: string;
  /** The host it is on (for a host: its URI's words). */
  where: string;
  /** What Enter does, in the user's words. */
  action: string;
  run(): void;
}

/**
 * Every command the palette offers: the VMs and hosts of the app store, and the networks and
 * pools of every connected host, read when the palette opens (through the query cache, so a
 * host's page that shows them shares the read, and events keep them current), whether or not
 * their pages were ever opened.
 */
export function usePaletteCommands(
  lifecycle: (action: LifecycleAction, vms: readonly VmSummary[]) => void,
): PaletteCommand[] {
  const { t } = useTranslation('shortcuts');
  const store = useStore();
  const client = useClient();
  const vms = useSlice(store.vms);
  const connections = useSlice(store.connections);
  const hosts = useSlice(store.hosts);
  // Only a connected host answers; the others would each be a refusal.
  const connected = useMemo(
    () =>
      connections
        .filter((c) => hosts.get(c.id)?.phase === 'connected')
        .map((c) => ({ connectionId: c.id })),
    [connections, hosts],
  );
  const networks = useApiQueries('networks.list', connected);
  const pools = useApiQueries('storage.pools.list', connected);

  return useMemo(() => {
    const hostName = new Map(
      connections.map((c) => {
        const l = connectionLabel(c);
        return [c.id, l.label ?? `${l.hypervisor} ${l.where}`];
      }),
    );
    const where = (connectionId: string) => hostName.get(connectionId) ?? connectionId;
    const failing = (titleKey: string, name: string) => (err: unknown) =>
      store.notify({ variant: 'danger', titleKey, params: { name }, message: errorMessage(err) });
    const out: PaletteCommand[] = [];

    for (const vm of [...vms.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const base = { kind: 'vm' as const, name: vm.name, where: where(vm.connectionId) };
      const id = `vm:${vm.connectionId}/${vm.uuid}`;
      out.push(
        { ...base, id: `${id}:details`, action: t('command.details'), run: () => open(vmHash, vm) },
        {
          ...base,
          id: `${id}:console`,
          action: t('command.console'),
          run: () => open(consoleHash, vm),
        },
      );
      for (const action of LIFECYCLE_ACTIONS) {
        if (!actionApplies(action, vm)) continue;
        out.push({
          ...base,
          id: `${id}:${action}`,
          action: t(`common:action.${action}`),
          run: () => lifecycle(action, [vm]),
        });
      }
    }
    for (const c of connections) {
      out.push({
        id: `host:${c.id}`,
        kind: 'host',
        name: where(c.id),
        where: c.uri,
        action: t('command.openHost'),
        run: () => navigate(hostHash(c.id)),
      });
    }
    for (const [i, { connectionId }] of connected.entries()) {
      for (const n of networks[i] ?? []) {
        const base = { kind: 'network' as const, name: n.name, where: where(connectionId) };
        const id = `network:${connectionId}/${n.name}`;
        const verb = n.active ? 'stop' : 'start';
        out.push(
          {
            ...base,
            id,
            action: t('command.openNetwork'),
            run: () => navigate(hostHash(connectionId, 'networks')),
          },
          {
            ...base,
            id: `${id}:${verb}`,
            action: t(`command.${verb}Network`),
            run: () =>
              void client
                .call(`networks.${verb}`, { connectionId, name: n.name })
                .catch(failing(`shortcuts:failed.${verb}Network`, n.name)),
          },
        );
      }
    }
    for (const [i, { connectionId }] of connected.entries()) {
      for (const p of pools[i] ?? []) {
        const base = { kind: 'pool' as const, name: p.name, where: where(connectionId) };
        const id = `pool:${connectionId}/${p.name}`;
        const verb = p.active ? 'stop' : 'start';
        out.push(
          {
            ...base,
            id,
            action: t('command.openPool'),
            run: () => navigate(hostHash(connectionId, 'storage')),
          },
          {
            ...base,
            id: `${id}:${verb}`,
            action: t(`command.${verb}Pool`),
            run: () =>
              void client
                .call(`storage.pools.${verb}`, { connectionId, pool: p.name })
                .catch(failing(`shortcuts:failed.${verb}Pool`, p.name)),
          },
        );
      }
    }
    return out;
  }, [t, store, client, lifecycle, vms, connections, connected, networks, pools]);
}

function open(hash: (connectionId: string, uuid: string) => string, vm: VmSummary): void {
  navigate(hash(vm.connectionId, vm.uuid));
}
