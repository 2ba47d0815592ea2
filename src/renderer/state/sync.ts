import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/apiError';
import type { AppStore } from './appStore';

/**
 * Feeds the store: the session snapshot at start and after every reconnect of the link, then
 * events. Returns a function that stops listening.
 */
export function syncStore(client: ApiClient, store: AppStore): () => void {
  const load = () =>
    client.call('session.snapshot', undefined).then(
      async (snapshot) => {
        store.applySnapshot(snapshot);
        // Jobs started before this window (or before the link came back) still show.
        for (const job of await client.call('jobs.list', undefined)) store.jobProgress(job);
      },
      (err: unknown) =>
        store.notify({
          variant: 'danger',
          titleKey: 'common:errors.snapshot',
          message: errorMessage(err),
        }),
    );
  const stops = [
    client.on('connections.changed', (list) => store.setConnections(list)),
    client.on('hosts.status', (status) => store.hostStatus(status)),
    client.on('vms.delta', (delta) => store.vmDelta(delta)),
    client.on('stats.samples', (batch) => store.statsSamples(batch)),
    client.on('prompts.opened', (prompt) => store.promptOpened(prompt)),
    client.on('prompts.closed', ({ id }) => store.promptClosed(id)),
    client.on('settings.changed', (settings) => store.settings.set(settings)),
    client.on('jobs.progress', (job) => store.jobProgress(job)),
    client.onLink((state) => {
      store.link.update((l) => ({ ...l, state }));
      if (state === 'open') void load();
    }),
  ];
  void load();
  return () => {
    for (const stop of stops) stop();
  };
}
